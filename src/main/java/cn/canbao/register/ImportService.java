package cn.canbao.register;

import cn.canbao.base.StoredMessage;
import cn.canbao.base.database.Timestamps;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.imports.ImportPipeline;
import cn.canbao.register.imports.ImportPurgedException;
import cn.canbao.register.imports.ImportRetention;
import cn.canbao.register.imports.RejectReason;
import cn.canbao.register.imports.RejectsCsv;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityAudit;
import cn.canbao.security.SystemAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Importing extracts: a clerk (or an admin) hands in a file of one kind, it is stored, and a
 * background worker merges it into the register. Clerks, admins and leaders see the imports of their own
 * subtree (leaders the counts only); only clerks and admins read rejected rows, which are raw personal data,
 * and every download of them is audited. An import only touches persons of its creator's subtree (other rows
 * are refused with that reason), and a move across the subtree's edge waits as a transfer request for the other
 * side (HouseholdTransferService). After the retention period its file and rejected rows are deleted
 * ({@link ImportRetention}).
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
public class ImportService {

    /** The audit action of every rejects download. */
    public static final String REJECTS_DOWNLOADED = "REJECTS_DOWNLOADED";

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final String COLUMNS = "id, kind, file_name, scope_code, status, format, rows_expected, rows_read, "
            + "rows_accepted, "
            + "rows_rejected, rows_transfer_requested, rows_duplicate, rows_held, persons_changed, persons_accepted, "
            + "error_key, error_detail, created_by, "
            + "created_at, started_at, finished_at, rerun_of, purged_at, dry_run, dry_run_result, phase, phase_started_at, "
            + "phase_times, cancel_requested, snapshot_as_of, snapshot_absent";
    /** Who sees imports at all: clerks and admins, and leaders (counts only). */
    private static final String SEES_IMPORTS = "hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')";

    private final JdbcTemplate jdbc;
    private final ImportPipeline pipeline;
    private final ThreadPoolTaskExecutor executor;
    private final CurrentRegionScope scope;
    private final MessageSource messages;
    private final Scheduler scheduler;
    private final SecurityAudit audit;
    private final RegionService regions;
    private final Path storage;
    private final Clock clock;

    ImportService(
            JdbcTemplate jdbc,
            ImportPipeline pipeline,
            CurrentRegionScope scope,
            MessageSource messages,
            Scheduler scheduler,
            SecurityAudit audit,
            RegionService regions,
            Environment env,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.regions = regions;
        this.pipeline = pipeline;
        this.executor = importExecutor();
        this.scope = scope;
        this.messages = messages;
        this.scheduler = scheduler;
        this.audit = audit;
        this.storage =
                Path.of(env.getProperty("canbao.imports.dir", "data/imports")).toAbsolutePath();
    }

    /** Stores the file and queues its import; returns at once (poll {@link #get}). */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public ImportRun start(ExtractKind kind, String fileName, InputStream content) {
        return start(kind, fileName, content, ImportOptions.DEFAULT);
    }

    /**
     * Like {@link #start(ExtractKind, String, InputStream)}, read and mapped as the clerk set it in the preview; a dry
     * run writes nothing to the register and reports what the import would do.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public ImportRun start(ExtractKind kind, String fileName, InputStream content, ImportOptions options) {
        return queue(kind, fileName, content, scopeCode(), options);
    }

    /** System work (the demo loader, scheduled feeds): an import for the subtree of the given region. */
    @PreAuthorize("hasRole('SYSTEM')")
    public ImportRun startFor(String scopeCode, ExtractKind kind, String fileName, InputStream content) {
        return queue(kind, fileName, content, scopeCode, ImportOptions.DEFAULT);
    }

    private ImportRun queue(
            ExtractKind kind, String fileName, InputStream content, String scopeCode, ImportOptions options) {
        if (!pipeline.supports(kind)) {
            throw new RegisterException("register.import.kindNotYet", kind.name());
        }
        if (options.snapshotAsOf() != null && kind != ExtractKind.POLICE_HOUSEHOLD) {
            throw new RegisterException("register.import.snapshotPoliceOnly");
        }
        String name = fileName == null || fileName.isBlank()
                ? "upload"
                : Path.of(fileName).getFileName().toString();
        Stored stored = store(name, content);
        Long id = jdbc.queryForObject(
                "insert into import_run (kind, file_name, stored_file, file_sha256, scope_code, "
                        + "created_by, node, rows_expected, encoding, sheet_index, header_row, column_mapping, dry_run, "
                        + "snapshot_as_of) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
                Long.class,
                kind.name(),
                name,
                stored.path.toString(),
                stored.sha256,
                scopeCode,
                CurrentUser.name(),
                node(),
                stored.lines,
                options.encoding(),
                options.sheet(),
                options.headerRow(),
                options.mapping().isEmpty() ? null : options.mapping().toJson(),
                options.dryRun(),
                options.snapshotAsOf());
        log.info("Import {} queued: {} {} ({} bytes) by {}", id, kind, name, stored.size, CurrentUser.name());
        // the import runs as the system within the scope it recorded (its creator's), not as nobody
        executor.execute(() -> SystemAccess.run(() -> pipeline.run(id)));
        return get(id);
    }

    /** A person the register holds in a snapshot's villages whom the snapshot does not list (masked, as in lists). */
    public record Absentee(String maskedId, String name, String householdRegion) {}

    /**
     * The candidates for a move-out a snapshot import found (issue 17, point 4), first {@code limit} by ID number:
     * clerks and admins of the import's subtree; nothing about them was changed.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public List<Absentee> absentees(long id, int limit) {
        get(id); // in the caller's subtree
        return jdbc.query(
                "select a.id_number, p.name, a.household_region from snapshot_absentee a "
                        + "join person p using (id_number) where a.import_id = ? order by a.id_number limit ?",
                (rs, n) -> new Absentee(IdNumber.mask(rs.getString(1)), rs.getString(2), rs.getString(3)),
                id,
                limit);
    }

    /**
     * Asks the worker to stop an import still queued or running in the caller's subtree: it stops at its next check
     * (every 10,000 rows and between phases), its transaction rolls back, and it ends CANCELLED with nothing
     * written. An import already finished is refused with its state.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public ImportRun cancel(long id) {
        ImportRun run = get(id);
        if (run.finished()) {
            throw new RegisterException("register.import.notRunning", id);
        }
        // a queued import not yet picked up ends at once; a running one at its next check
        jdbc.update("update import_run set cancel_requested = true where id = ?", id);
        jdbc.update(
                "update import_run set status = 'CANCELLED', finished_at = now() where id = ? and status = 'QUEUED' "
                        + "and started_at is null",
                id);
        log.info("Import {} cancel requested by {}", id, CurrentUser.name());
        return get(id);
    }

    /**
     * Imports the same stored file again as a new import, read and mapped the same way (after a failure, to check
     * idempotence, or for real after a dry run).
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public ImportRun rerun(long id) {
        ImportRun previous = get(id);
        if (previous.purged()) {
            throw new RegisterException("register.import.purged", id);
        }
        Long again = jdbc.queryForObject(
                "insert into import_run (kind, file_name, stored_file, file_sha256, "
                        + "scope_code, created_by, node, rows_expected, rerun_of, encoding, sheet_index, header_row, "
                        + "column_mapping, snapshot_as_of) select kind, file_name, stored_file, file_sha256, ?, ?, ?, rows_expected, "
                        + "id, encoding, sheet_index, header_row, column_mapping, snapshot_as_of "
                        + "from import_run where id = ? returning id",
                Long.class,
                scopeCode(),
                CurrentUser.name(),
                node(),
                previous.id());
        executor.execute(() -> SystemAccess.run(() -> pipeline.run(again)));
        return get(again);
    }

    /** One import of the caller's subtree: its status and counts (the error detail for clerks and admins). */
    @PreAuthorize(SEES_IMPORTS)
    public ImportRun get(long id) {
        ImportRun run = find(id);
        return readsRawRows() ? run : run.withoutErrorDetail();
    }

    /** The latest imports of the caller's subtree, newest first. */
    @PreAuthorize(SEES_IMPORTS)
    public List<ImportRun> recent(int limit) {
        failOrphans();
        List<ImportRun> runs = jdbc.query(
                "select " + COLUMNS + " from import_run where scope_code like ? " + "order by id desc limit ?",
                MAPPER,
                scope.get().codePrefix() + "%",
                limit);
        return readsRawRows()
                ? runs
                : runs.stream().map(ImportRun::withoutErrorDetail).toList();
    }

    private ImportRun find(long id) {
        failOrphans();
        List<ImportRun> found = jdbc.query(
                "select " + COLUMNS + " from import_run where id = ? and scope_code like ?",
                MAPPER,
                id,
                scope.get().codePrefix() + "%");
        if (found.isEmpty()) {
            throw new RegisterException("register.import.notFound", id);
        }
        return found.get(0);
    }

    /** Where the rejects CSV goes; opened only once the caller may read it, so a refusal writes nothing. */
    @FunctionalInterface
    public interface RejectsTarget {
        Writer open() throws IOException;
    }

    /**
     * The rejected rows as CSV (UTF-8 with BOM for Excel): the physical line number, the reason in the reader's
     * language, the column and its value (ID and phone masked), and the row as read — raw, since correcting it is the
     * download's purpose — with every cell neutralised against formula injection ({@link RejectsCsv}). Clerks and
     * admins whose scope covers the import's only; every call is audited (REJECTS_DOWNLOADED, allowed or refused).
     * Refusals: AccessDeniedException (another role), RegisterException notFound (unknown or outside the scope),
     * {@link ImportPurgedException}.
     */
    public void writeRejects(long id, Locale locale, RejectsTarget target) throws IOException {
        allowRejectsDownload(id);
        PrintWriter w = new PrintWriter(target.open());
        w.print('\uFEFF');
        w.println(messages.getMessage("register.rejects.header", null, locale));
        jdbc.query(
                "select row_number, reason_key, reason_args, column_name, cell_value, raw from import_reject "
                        + "where import_id = ? order by row_number",
                rs -> {
                    w.println(RejectsCsv.line(
                            rs.getLong("row_number"),
                            reason(rs, locale),
                            rs.getString("column_name"),
                            rs.getString("cell_value"),
                            rs.getString("raw")));
                },
                id);
        w.flush();
    }

    /** Where the rejects workbook goes; opened only once the caller may read it. */
    @FunctionalInterface
    public interface RejectsStream {
        java.io.OutputStream open() throws IOException;
    }

    /**
     * The same rows as {@link #writeRejects(long, Locale, RejectsTarget)} as an XLSX workbook, streamed (a window of
     * rows in memory, the rest on disk), every cell text (so no cell is a formula and 18-digit numbers keep their
     * digits); same door and audit.
     */
    public void writeRejectsXlsx(long id, Locale locale, RejectsStream target) throws IOException {
        allowRejectsDownload(id);
        try (var book = new org.apache.poi.xssf.streaming.SXSSFWorkbook(200)) {
            var sheet = book.createSheet(messages.getMessage("register.rejects.sheet", null, "rejects", locale));
            String[] header =
                    messages.getMessage("register.rejects.header", null, locale).split(",");
            var first = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                first.createCell(c).setCellValue(header[c]);
            }
            int[] next = {1};
            jdbc.query(
                    "select row_number, reason_key, reason_args, column_name, cell_value, raw from import_reject "
                            + "where import_id = ? order by row_number",
                    rs -> {
                        var row = sheet.createRow(next[0]++);
                        String[] cells = {
                            Long.toString(rs.getLong("row_number")),
                            reason(rs, locale),
                            rs.getString("column_name"),
                            rs.getString("cell_value"),
                            rs.getString("raw")
                        };
                        for (int c = 0; c < cells.length; c++) {
                            if (cells[c] != null) {
                                row.createCell(c).setCellValue(RejectsCsv.neutralise(cells[c]));
                            }
                        }
                    },
                    id);
            try (var out = target.open()) {
                book.write(out);
            }
            book.dispose();
        }
    }

    /** The door of both downloads: the role, the scope, not purged; audited either way. */
    private void allowRejectsDownload(long id) {
        String refusal = "role";
        try {
            requireRawRowReader();
            refusal = "not found or out of scope";
            ImportRun run = find(id);
            if (run.purged()) {
                refusal = "purged under the retention period";
                throw new ImportPurgedException(id);
            }
        } catch (RuntimeException refused) {
            audit.record(REJECTS_DOWNLOADED, String.valueOf(id), SecurityAudit.Outcome.REFUSED, refusal);
            throw refused;
        }
        audit.record(REJECTS_DOWNLOADED, String.valueOf(id), SecurityAudit.Outcome.ALLOWED, null);
    }

    /** {@link #writeRejects(long, Locale, RejectsTarget)} into a writer that is already open. */
    public void writeRejects(long id, Writer out, Locale locale) {
        try {
            writeRejects(id, locale, () -> out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One rejected row: its reason (null for a reason of an older release) and its text in the reader's language, the
     * column and value it is about (null when about the whole row; ID and phone values masked), the raw row; ID and
     * mobile numbers masked in text and row.
     */
    public record Reject(
            long rowNumber, RejectReason reason, String reasonText, String column, String value, String raw) {}

    /**
     * The first rejected rows of an import, for the summary screen, masked ({@link RejectsCsv#masked}); none
     * once purged. Clerks and admins whose scope covers the import only.
     */
    public List<Reject> rejects(long id, int limit, Locale locale) {
        requireRawRowReader();
        find(id);
        return jdbc.query(
                "select row_number, reason_key, reason_args, column_name, cell_value, raw from import_reject "
                        + "where import_id = ? order by row_number limit ?",
                (rs, n) -> new Reject(
                        rs.getLong("row_number"),
                        RejectReason.ofMessageKey(rs.getString("reason_key")).orElse(null),
                        RejectsCsv.masked(reason(rs, locale)),
                        rs.getString("column_name"),
                        RejectsCsv.masked(rs.getString("cell_value")),
                        RejectsCsv.masked(rs.getString("raw"))),
                id,
                limit);
    }

    /**
     * Rejected rows are raw personal data of whole files: clerks and admins (and system work) read them;
     * leaders see counts, field roles nothing, operators run the engine, not the data.
     */
    private static boolean readsRawRows() {
        return CurrentUser.isSystem()
                || CurrentUser.get()
                        .map(u -> u.hasRole(Role.CLERK) || u.hasRole(Role.ADMIN))
                        .orElse(false);
    }

    private static void requireRawRowReader() {
        if (!readsRawRows()) {
            throw new AccessDeniedException("rejected rows are for clerks and admins");
        }
    }

    private String reason(java.sql.ResultSet rs, Locale locale) throws java.sql.SQLException {
        Array args = rs.getArray("reason_args");
        Object[] values = args == null ? new Object[0] : (Object[]) args.getArray();
        for (int i = 0; i < values.length; i++) {
            // an argument that is the application's word (not the file's) is stored as a message
            Object stored = values[i];
            values[i] = StoredMessage.parse(stored instanceof String s ? s : null)
                    .<Object>map(m -> messages.getMessage(m.messageKey(), m.args(), m.messageKey(), locale))
                    .orElse(stored);
        }
        return messages.getMessage(rs.getString("reason_key"), values, rs.getString("reason_key"), locale);
    }

    /**
     * Where the rows read went, one sentence each, in the reader's language: accepted, rejected, exact repeats
     * within the file, held for a clerk, held as transfer requests, and how many of the accepted rows' persons the
     * import left unchanged. Every gap between rows read, rows accepted and persons changed is explained; empty
     * until the import finished.
     */
    @PreAuthorize(SEES_IMPORTS)
    public List<String> summary(ImportRun run, Locale locale) {
        if (run.status() != ImportRun.Status.SUCCEEDED) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, Object[]> add =
                (key, args) -> lines.add(messages.getMessage(key, args, key, locale));
        if (run.errorKey() != null) {
            // applied, but its run was interrupted after the commit: the clerk learns that it stands
            add.accept(run.errorKey(), new Object[0]);
        }
        add.accept("imports.summary.read", new Object[] {run.rowsRead(), run.rowsAccepted()});
        if (run.rowsRejected() > 0) {
            add.accept("imports.summary.rejected", new Object[] {run.rowsRejected()});
        }
        if (run.rowsDuplicate() > 0) {
            add.accept("imports.summary.duplicate", new Object[] {run.rowsDuplicate()});
        }
        if (run.rowsHeld() > 0) {
            add.accept("imports.summary.held", new Object[] {run.rowsHeld()});
        }
        if (run.rowsTransferRequested() > 0) {
            add.accept("imports.summary.transferRequested", new Object[] {run.rowsTransferRequested()});
        }
        Integer persons = run.personsAccepted();
        if (persons != null && persons >= run.personsChanged()) {
            add.accept(
                    "imports.summary.persons",
                    new Object[] {run.rowsAccepted(), persons, run.personsChanged(), persons - run.personsChanged()});
        } else {
            add.accept("imports.summary.changed", new Object[] {run.personsChanged()});
        }
        return lines;
    }

    /** Translated error of a failed import, or null. */
    public String errorText(ImportRun run, Locale locale) {
        if (run.errorKey() == null || run.status() != ImportRun.Status.FAILED) {
            return null;
        }
        Object[] args =
                run.errorDetail() == null ? new Object[0] : run.errorDetail().split("\u001f");
        return messages.getMessage(run.errorKey(), args, run.errorKey() + " " + run.errorDetail(), locale);
    }

    /**
     * Imports left QUEUED or RUNNING by a node that is gone (crash, kill) are marked failed: a node is
     * alive while its Quartz scheduler checks in to the cluster table. Their transaction was rolled
     * back with the node, so running them again is safe.
     */
    @EventListener(ApplicationReadyEvent.class)
    @PreAuthorize("permitAll()") // at start-up (nobody is calling) and before every listing; it only marks dead imports
    public void failOrphans() {
        String gone = "status in ('QUEUED', 'RUNNING') and node is distinct from ? "
                + "and coalesce(node, '') not in (select instance_name from qrtz_scheduler_state "
                + "where last_checkin_time > ?)";
        // Quartz writes its check-ins by the nodes' system clocks, not the application's (which tests move)
        long alive = System.currentTimeMillis() - 60_000;
        // committed before the node died: the data stands; what depends on it is refreshed now, as the import would
        // have
        List<java.util.Map<String, Object>> applied = jdbc.queryForList(
                "update import_run set status = 'SUCCEEDED', phase = null, "
                        + "error_key = ?, finished_at = now() where " + gone
                        + " and applied_at is not null returning id, kind",
                cn.canbao.register.imports.ImportPipeline.APPLIED_BEFORE_FAILURE,
                node(),
                alive);
        for (java.util.Map<String, Object> run : applied) {
            long id = ((Number) run.get("id")).longValue();
            ExtractKind kind = ExtractKind.valueOf((String) run.get("kind"));
            log.warn(
                    "Import {} was committed before its node died: it stands; its dependent figures are refreshed", id);
            executor.execute(() -> SystemAccess.run(() -> pipeline.announceApplied(id, kind)));
        }
        int failed = jdbc.update(
                "update import_run set status = 'FAILED', error_key = 'register.import.interrupted', "
                        + "finished_at = now() where " + gone + " and applied_at is null",
                node(),
                alive);
        if (failed > 0) {
            log.warn("{} imports of nodes that are gone marked failed (interrupted)", failed);
        }
    }

    /** Imports run one at a time per node, in the background: a county file keeps both cores busy a while. */
    private static ThreadPoolTaskExecutor importExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(1000);
        executor.setThreadNamePrefix("import-");
        executor.initialize();
        return executor;
    }

    @jakarta.annotation.PreDestroy
    void stopWorker() {
        executor.shutdown();
    }

    private String node() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private String scopeCode() {
        RegionScope s = scope.get();
        if (s.unrestricted()) {
            // system work: the root of the register
            return regions.roots().get(0).region().code();
        }
        return s.rootCode();
    }

    /** The stored copy; lines = data lines of a CSV (newlines less the header), null for XLSX. */
    private record Stored(Path path, String sha256, long size, Integer lines) {}

    private Stored store(String name, InputStream content) {
        try {
            Path dir = storage.resolve(LocalDate.now(clock).toString());
            Files.createDirectories(dir);
            Path target = dir.resolve(UUID.randomUUID() + "-" + name.replaceAll("[^\\p{L}\\p{N}._-]", "_"));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            long newlines = 0;
            boolean zip;
            try (InputStream in = new DigestInputStream(content, sha)) {
                size = Files.copy(in, target);
            }
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(target), 1 << 16)) {
                byte[] buf = new byte[1 << 16];
                int n = in.read(buf);
                zip = n >= 2 && buf[0] == 'P' && buf[1] == 'K';
                while (!zip && n > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            newlines++;
                        }
                    }
                    n = in.read(buf);
                }
            }
            Integer lines = zip ? null : (int) Math.max(0, newlines - 1);
            return new Stored(target, HexFormat.of().formatHex(sha.digest()), size, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the uploaded file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final RowMapper<ImportRun> MAPPER = (rs, n) -> new ImportRun(
            rs.getLong("id"),
            ExtractKind.valueOf(rs.getString("kind")),
            rs.getString("file_name"),
            rs.getString("scope_code"),
            ImportRun.Status.valueOf(rs.getString("status")),
            rs.getString("format"),
            (Integer) rs.getObject("rows_expected"),
            rs.getInt("rows_read"),
            rs.getInt("rows_accepted"),
            rs.getInt("rows_rejected"),
            rs.getInt("rows_transfer_requested"),
            rs.getInt("rows_duplicate"),
            rs.getInt("rows_held"),
            rs.getInt("persons_changed"),
            (Integer) rs.getObject("persons_accepted"),
            rs.getString("error_key"),
            rs.getString("error_detail"),
            rs.getString("created_by"),
            Timestamps.instant(rs.getTimestamp("created_at")),
            Timestamps.instant(rs.getTimestamp("started_at")),
            Timestamps.instant(rs.getTimestamp("finished_at")),
            (Long) rs.getObject("rerun_of"),
            Timestamps.instant(rs.getTimestamp("purged_at")),
            rs.getBoolean("dry_run"),
            dryRunResult(rs.getString("dry_run_result")),
            rs.getString("phase"),
            Timestamps.instant(rs.getTimestamp("phase_started_at")),
            phaseTimes(rs.getString("phase_times")),
            rs.getBoolean("cancel_requested"),
            rs.getObject("snapshot_as_of", LocalDate.class),
            rs.getInt("snapshot_absent"));

    private static java.util.Map<String, Long> phaseTimes(String json) {
        try {
            return json == null
                    ? java.util.Map.of()
                    : JSON.readValue(
                            json,
                            new com.fasterxml.jackson.core.type.TypeReference<
                                    java.util.LinkedHashMap<String, Long>>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static ImportRun.DryRunResult dryRunResult(String json) {
        try {
            return json == null ? null : JSON.readValue(json, ImportRun.DryRunResult.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
