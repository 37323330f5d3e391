package cn.canbao.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test thread calls the services as the processes and jobs do: as the system (services refuse nobody), from
 * before each test method to after it. Setup in {@code @BeforeAll} still runs as nobody.
 */
@Target(ElementType.TYPE)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AsSystem.Extension.class)
public @interface AsSystem {

    /** Begins and ends the system's security context around each test method. */
    final class Extension implements BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            SecurityTestSupport.beginSystem();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            SecurityTestSupport.endSystem();
        }
    }
}
