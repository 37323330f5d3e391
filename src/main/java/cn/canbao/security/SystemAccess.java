package cn.canbao.security;

import java.io.Serial;
import java.util.function.Supplier;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs work that belongs to no person (scheduled jobs, the demo loader, start-up setup) with an
 * explicit system identity that sees every region. Outside such a block, services refuse callers
 * that are not logged in.
 */
public final class SystemAccess {

    public static final String SYSTEM = "system";

    private SystemAccess() {}

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    public static <T> T call(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(new SystemAuthentication());
        SecurityContextHolder.setContext(system);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** The system identity: role ADMIN for method security, unrestricted region scope. */
    static final class SystemAuthentication extends AbstractAuthenticationToken {
        @Serial
        private static final long serialVersionUID = 1L;

        SystemAuthentication() {
            super(AuthorityUtils.createAuthorityList("ROLE_SYSTEM", Role.ADMIN.authority()));
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return SYSTEM;
        }
    }
}
