package cn.canbao;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Random test order (issue 19, point 6): classes and methods run in random order unless
 * {@code -Dcanbao.test.order=fixed} asks for JUnit's fixed one. The seed is chosen when none is given and printed, so
 * an order that failed can be run again with {@code -Djunit.jupiter.execution.order.random.seed=<seed>}.
 */
public class TestOrderSeed implements LauncherSessionListener {

    static final String SEED = "junit.jupiter.execution.order.random.seed";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String seed = System.getProperty(SEED);
        boolean fixed = "fixed".equals(System.getProperty("canbao.test.order")) && (seed == null || seed.isBlank());
        if (fixed) {
            System.out.println("[canbao] test order: fixed (-Dcanbao.test.order=fixed)");
            return;
        }
        if (seed == null || seed.isBlank()) {
            seed = Long.toString(System.currentTimeMillis());
            System.setProperty(SEED, seed);
        }
        System.setProperty("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$Random");
        System.setProperty("junit.jupiter.testmethod.order.default", "org.junit.jupiter.api.MethodOrderer$Random");
        System.out.println("[canbao] test order: random, seed " + seed + " (run this order again with -D" + SEED + "="
                + seed + ")");
    }
}
