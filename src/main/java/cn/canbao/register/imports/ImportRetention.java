package cn.canbao.register.imports;

import cn.canbao.register.jobs.ImportRetentionJob;
import cn.canbao.security.SecurityAudit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Uploaded extracts and their rejected rows are raw personal data of whole townships: they are kept for
 * {@code canbao.imports.retention} (default 30 days) after the import finished, then deleted — the stored
 * file and the {@code import_reject} rows; the import itself, its counts and summary stay, marked purged.
 * Run nightly by {@link ImportRetentionJob}.
 * <p>
 * Each import is purged in steps that are each safe to repeat: its rows are deleted (one statement, its own
 * transaction), then its file, then it is marked. A crash between steps leaves it unmarked, and the next run
 * simply does the rest. A file that a younger import of the same upload (an import run again) still needs is
 * kept until that one expires too.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
public class ImportRetention {

    /** The audit action of each purged import. */
    public static final String IMPORT_PURGED = "IMPORT_PURGED";

    private static final Logger log = LoggerFactory.getLogger(ImportRetention.class);

    private final JdbcTemplate jdbc;
    private final SecurityAudit audit;
    private final Duration retention;
    private final Clock clock;

    ImportRetention(
            JdbcTemplate jdbc,
            SecurityAudit audit,
            @Value("${canbao.imports.retention:30d}") Duration retention,
            Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("canbao.imports.retention must be positive, not " + retention);
        }
        this.jdbc = jdbc;
        this.audit = audit;
        this.retention = retention;
        this.clock = clock;
    }

    public Duration retention() {
        return retention;
    }

    /** An import to purge; {@code fileShared}: a younger import of the same stored file still needs it. */
    private record Expired(long id, Path file, boolean fileShared) {}

    /** Purges every import that finished longer ago than the retention period; answers how many. */
    @PreAuthorize("hasRole('SYSTEM')")
    public int purgeExpired() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        List<Expired> expired = jdbc.query(
                "select r.id, r.stored_file, exists (select 1 from import_run o "
                        + "where o.stored_file = r.stored_file and o.id <> r.id and o.purged_at is null "
                        + "and not (o.status in ('SUCCEEDED', 'FAILED') and o.finished_at < ?)) shared "
                        + "from import_run r where r.purged_at is null and r.status in ('SUCCEEDED', 'FAILED') "
                        + "and r.finished_at < ? order by r.finished_at, r.id",
                (rs, n) -> new Expired(rs.getLong(1), Path.of(rs.getString(2)), rs.getBoolean(3)),
                cutoff,
                cutoff);
        int purged = 0;
        for (Expired run : expired) {
            try {
                purge(run);
                purged++;
            } catch (RuntimeException e) {
                // left unmarked: the next run tries it again; the others go on
                log.warn("Import {} could not be purged", run.id(), e);
            }
        }
        if (purged > 0) {
            log.info("{} imports older than {} purged (files and rejected rows)", purged, retention);
        }
        return purged;
    }

    private void purge(Expired run) {
        int rows = jdbc.update("delete from import_reject where import_id = ?", run.id());
        // rows held for a clerk are the file's personal data too: an undecided conflict ends with the retention
        jdbc.update("delete from import_held_row where import_id = ?", run.id());
        String file = run.fileShared() ? "file kept for a younger import" : deleteFile(run.file());
        jdbc.update("update import_run set purged_at = now() where id = ? and purged_at is null", run.id());
        audit.record(
                IMPORT_PURGED,
                String.valueOf(run.id()),
                SecurityAudit.Outcome.ALLOWED,
                rows + " rejected rows deleted; " + file);
    }

    private static String deleteFile(Path file) {
        try {
            boolean deleted = Files.deleteIfExists(file);
            removeIfEmpty(file.getParent());
            return deleted ? "file deleted" : "file already gone";
        } catch (IOException e) {
            // unmarked, so the next night tries again
            throw new UncheckedIOException("cannot delete the stored upload " + file, e);
        }
    }

    /** The day's folder of uploads goes with its last file. */
    private static void removeIfEmpty(Path dir) throws IOException {
        try {
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (DirectoryNotEmptyException stillUsed) {
            // other uploads of that day are younger or shared
        }
    }
}
