package cn.canbao.register;

import static org.awaitility.Awaitility.await;

import cn.canbao.security.SecurityTestSupport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Imports a file through the real service as a given user and waits until the import has finished. */
@Component
public class ImportTestSupport {

    private final ImportService imports;
    private final SecurityTestSupport security;

    ImportTestSupport(ImportService imports, SecurityTestSupport security) {
        this.imports = imports;
        this.security = security;
    }

    public ImportRun importAs(String user, ExtractKind kind, String name, String csv) {
        return importAs(user, kind, name, csv.getBytes(StandardCharsets.UTF_8));
    }

    public ImportRun importAs(String user, ExtractKind kind, String name, byte[] content) {
        ImportRun queued = security.as(user, () -> imports.start(kind, name, new ByteArrayInputStream(content)));
        return awaitFinished(user, queued.id());
    }

    public ImportRun awaitFinished(String user, long id) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> security.as(user, () -> imports.get(id)), ImportRun::finished);
    }
}
