package cn.canbao.register;

import static org.awaitility.Awaitility.await;

import cn.canbao.security.SecurityTestSupport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Imports a file through the real service as a given user and waits until the import has finished. */
@Component
public class ImportTestSupport {

    private final ImportService imports;
    private final SecurityTestSupport security;
    private final JdbcTemplate jdbc;

    ImportTestSupport(ImportService imports, SecurityTestSupport security, JdbcTemplate jdbc) {
        this.imports = imports;
        this.security = security;
        this.jdbc = jdbc;
    }

    public ImportRun importAs(String user, ExtractKind kind, String name, String csv) {
        return importAs(user, kind, name, csv.getBytes(StandardCharsets.UTF_8));
    }

    public ImportRun importAs(String user, ExtractKind kind, String name, byte[] content) {
        ImportRun queued = security.as(user, () -> imports.start(kind, name, new ByteArrayInputStream(content)));
        return awaitFinished(user, queued.id());
    }

    /** The extract's residents registered by the user's import of it, as the police household file it is. */
    public ImportRun register(String user, PoliceExtract extract) {
        return importAs(user, ExtractKind.POLICE_HOUSEHOLD, "police-household.csv", extract.csv());
    }

    public ImportRun awaitFinished(String user, long id) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> security.as(user, () -> imports.get(id)), ImportRun::finished);
    }

    /** The reason (message key) the import rejected each row for, by row number in order. */
    public Map<Long, String> rejectReasons(long importId) {
        Map<Long, String> reasons = new LinkedHashMap<>();
        jdbc.query(
                "select row_number, reason_key from import_reject where import_id = ? order by row_number",
                rs -> {
                    reasons.put(rs.getLong(1), rs.getString(2));
                },
                importId);
        return reasons;
    }
}
