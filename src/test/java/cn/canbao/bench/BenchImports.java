package cn.canbao.bench;

import static org.awaitility.Awaitility.await;

import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportService;
import cn.canbao.security.SystemAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the benchmarks share: an extract imported through the real pipeline, waited for. */
public final class BenchImports {

    private BenchImports() {}

    /** Imports the file as the system and waits for it; fails unless it succeeded. */
    public static ImportRun importFile(ImportService imports, Path file, String kind) {
        ImportRun queued = SystemAccess.call(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                return imports.start(
                        ExtractKind.parse(kind).orElseThrow(),
                        file.getFileName().toString(),
                        in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ImportRun done = await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> SystemAccess.call(() -> imports.get(queued.id())), ImportRun::finished);
        if (done.status() != ImportRun.Status.SUCCEEDED) {
            throw new IllegalStateException("import failed: " + done);
        }
        return done;
    }

    public static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
