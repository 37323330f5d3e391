package cn.canbao.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo users' passwords: generated at random when the demo county is first loaded (never a
 * default password), kept in a file readable by its owner only, printed at every start-up.
 */
public final class DemoCredentials {

    private final Path file;

    DemoCredentials(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Username → password, in the order written. */
    public Map<String, String> read() {
        Map<String, String> passwords = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return passwords;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0 && !line.startsWith("#")) {
                    passwords.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return passwords;
    }

    public Optional<String> password(String username) {
        return Optional.ofNullable(read().get(username));
    }

    void write(Map<String, String> passwords) {
        StringBuilder sb = new StringBuilder("# Canbao demo users (username<TAB>password), generated at first load\n");
        passwords.forEach((u, p) -> sb.append(u).append('\t').append(p).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo credentials to " + file, e);
        }
    }
}
