package cn.canbao;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts the engine's clock (and so the application's {@code Clock}, which follows it) back to the real time after
 * every integration test class, so a class that moved it and forgot cannot shift the days of whichever class the
 * random order runs next.
 */
public class EngineClockReset implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        ClockUtil.reset();
    }
}
