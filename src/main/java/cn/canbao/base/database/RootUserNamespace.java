package cn.canbao.base.database;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root. As root we run its commands in a new user namespace
 * ({@code unshare -U}): inside it the process is an unprivileged user that owns the data directory.
 */
final class RootUserNamespace {

    private static volatile Boolean needed;

    private RootUserNamespace() {}

    static boolean needed() {
        if (needed == null) {
            needed = new UnixSystem().getUid() == 0;
            if (needed) {
                verifyUnshareWorks();
            }
        }
        return needed;
    }

    static List<String> prefix() {
        return List.of("unshare", "-U");
    }

    private static void verifyUnshareWorks() {
        String problem;
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u")
                    .redirectErrorStream(true)
                    .start();
            boolean done = p.waitFor(10, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (done && p.exitValue() == 0 && !"0".equals(out)) {
                return;
            }
            problem = "`unshare -U id -u` printed \"" + out + "\"";
        } catch (IOException e) {
            problem = "`unshare` could not be run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        throw new IllegalStateException("The embedded PostgreSQL cannot start: this process runs as root, "
                + "PostgreSQL refuses to run as root, and running it in a user namespace failed: " + problem
                + ". Run Canbao as a normal user, allow unprivileged user namespaces "
                + "(sysctl kernel.unprivileged_userns_clone=1, or docker --security-opt seccomp=unconfined), "
                + "or set spring.datasource.url to an existing PostgreSQL server.");
    }
}
