package cn.canbao.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The policy rules the application ships and deploys, which the rule tests evaluate or change a piece of. */
public final class BundledRules {

    /** processes/policy-rules.dmn, from the project's folder (where the tests run). */
    public static final Path FILE = Path.of("processes/policy-rules.dmn");

    private BundledRules() {}

    /** The file's DMN XML. */
    public static String text() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
