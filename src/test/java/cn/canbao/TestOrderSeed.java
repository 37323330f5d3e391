package cn.canbao;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Tests run in random order (junit-platform.properties). JUnit would pick its seed silently; this chooses it when none
 * is given and prints it, so an order that failed can be run again with
 * {@code -Djunit.jupiter.execution.order.random.seed=<seed>}.
 */
public class TestOrderSeed implements LauncherSessionListener {

    static final String SEED = "junit.jupiter.execution.order.random.seed";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String seed = System.getProperty(SEED);
        if (seed == null || seed.isBlank()) {
            seed = Long.toString(System.currentTimeMillis());
            System.setProperty(SEED, seed);
        }
        System.out.println("[canbao] test order: random, seed " + seed + " (run this order again with -D" + SEED + "="
                + seed + ")");
    }
}
