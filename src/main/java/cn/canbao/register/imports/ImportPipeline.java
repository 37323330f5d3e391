package cn.canbao.register.imports;

import cn.canbao.base.DomainException;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.extract.ExtractFormat;
import cn.canbao.register.extract.ExtractHandler;
import cn.canbao.register.extract.ExtractReader;
import cn.canbao.register.extract.ExtractRow;
import cn.canbao.register.extract.ReadOptions;
import cn.canbao.security.SystemAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import: streams the file through validation into a staging table with COPY, lets the
 * kind's SQL refuse and merge set-based, all in one transaction, so a crash leaves nothing
 * half-merged and the import can simply run again. Progress is written on the side every 10,000 rows.
 */
@Component
public class ImportPipeline {

    private static final Logger log = LoggerFactory.getLogger(ImportPipeline.class);
    private static final int PROGRESS_EVERY = 10_000;
    /** Accepted rows from which an import counts as a bulk load ({@link KindImporter#afterBulkLoad()}). */
    private static final int BULK_ROWS = 50_000;

    private final Map<ExtractKind, KindImporter> importers = new EnumMap<>(ExtractKind.class);
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final TransactionTemplate sideTx;
    private final ApplicationEventPublisher events;
    private final MergeContext.RegionLookup regionLookup;
    private final Clock clock;

    ImportPipeline(
            List<KindImporter> kinds,
            JdbcTemplate jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            RegionService regions,
            Clock clock) {
        this.clock = clock;
        this.events = events;
        this.regionLookup = systemLookup(regions);
        kinds.forEach(k -> importers.put(k.kind(), k));
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.sideTx = new TransactionTemplate(transactions);
        sideTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The phases an import runs through, in order (issue 17, point 8). */
    public enum Phase {
        READ,
        CHECK,
        MERGE,
        COVERAGE
    }

    /**
     * The note of an import whose data was committed but whose run did not finish normally (its node died, or a step
     * after the commit failed): it stands, its dependent figures are refreshed again.
     */
    public static final String APPLIED_BEFORE_FAILURE = "register.import.appliedBeforeInterruption";

    /** A clerk cancelled the import: the worker stops at its next check and the transaction rolls back. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Moves the import to the next phase (seen at once by whoever watches: its own transaction) and keeps the time. */
    private void phase(long importId, Counts counts, Phase next) {
        long now = System.nanoTime();
        if (counts.phase != null) {
            counts.phaseMillis.put(counts.phase.name(), (now - counts.phaseStarted) / 1_000_000);
        }
        counts.phase = next;
        counts.phaseStarted = now;
        String times = json(counts.phaseMillis);
        Boolean cancelled = sideTx.execute(s -> jdbc.queryForObject(
                "update import_run set phase = ?, "
                        + "phase_started_at = now(), phase_times = ?, heartbeat_at = now() where id = ? returning cancel_requested",
                Boolean.class,
                next == null ? null : next.name(),
                times,
                importId));
        // only before the commit: once the merge is committed the import stands, whatever was asked
        if (Boolean.TRUE.equals(cancelled) && next != null && next != Phase.COVERAGE) {
            throw new Cancelled();
        }
    }

    /** Rows of a file the preview shows. */
    static final int SAMPLE_ROWS = 5;

    /**
     * The preview of a stored upload (issue 17): read as the options say up to the header and {@link #SAMPLE_ROWS} rows
     * (nothing else of the file is parsed, nothing is written), its columns matched to the layout's.
     */
    public cn.canbao.register.imports.ImportPreview preview(
            ExtractKind kind, Path file, ReadOptions options, ColumnMapping mapping, boolean snapshot)
            throws IOException {
        KindImporter importer = importers.get(kind);
        if (importer == null) {
            throw new cn.canbao.register.RegisterException("register.import.kindNotYet", kind.name());
        }
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        final class Enough extends RuntimeException {
            Enough() {
                super(null, null, false, false);
            }
        }
        try {
            ExtractReader.read(file, options, new ExtractHandler() {
                @Override
                public void header(List<String> names) {
                    header.addAll(names);
                }

                @Override
                public void row(ExtractRow row) {
                    rows.add(row.cells());
                    if (rows.size() >= SAMPLE_ROWS) {
                        throw new Enough();
                    }
                }
            });
        } catch (Enough enough) {
            // the first rows are all a preview needs
        }
        // a police snapshot needs no 变动类型 / 变动日期 (everyone listed is registered on its day)
        java.util.Set<String> absent = snapshot ? Reading.SNAPSHOT_DEFAULTED : java.util.Set.of();
        List<Column> columns = importer.columns().stream()
                .map(c -> absent.contains(c.key()) ? Column.optional(c.key(), c.chinese()) : c)
                .toList();
        List<HeaderMatcher.Match> matches = HeaderMatcher.match(columns, header, mapping);
        return new cn.canbao.register.imports.ImportPreview(
                kind,
                ExtractReader.detect(file, options).name(),
                ExtractReader.sheetNames(file),
                options.sheet(),
                options.headerRow(),
                header,
                rows,
                matches.stream()
                        .map(m -> new cn.canbao.register.imports.ImportPreview.ColumnChoice(
                                m.key(), m.chinese(), m.required(), m.header(), m.confidence()))
                        .toList(),
                HeaderMatcher.missing(matches));
    }

    /** Whether this kind can be imported yet. */
    public boolean supports(ExtractKind kind) {
        return importers.containsKey(kind);
    }

    /** Runs the import of that id (status QUEUED) to SUCCEEDED or FAILED. */
    public void run(long importId) {
        Map<String, Object> run = jdbc.queryForMap(
                "select kind, stored_file, scope_code, created_by, encoding, "
                        + "sheet_index, header_row, column_mapping, dry_run, snapshot_as_of from import_run where id = ?",
                importId);
        java.sql.Date asOf = (java.sql.Date) run.get("snapshot_as_of");
        Reading reading = new Reading(
                new ReadOptions((String) run.get("encoding"), (Integer) run.get("sheet_index"), (Integer)
                        run.get("header_row")),
                ColumnMapping.fromJson((String) run.get("column_mapping")),
                (Boolean) run.get("dry_run"),
                asOf == null ? null : asOf.toLocalDate());
        KindImporter importer = importers.get(ExtractKind.valueOf((String) run.get("kind")));
        Path file = Path.of((String) run.get("stored_file"));
        String prefix = cn.canbao.region.RegionLevel.ofCode((String) run.get("scope_code"))
                .map(l -> l.prefixOf((String) run.get("scope_code")))
                .orElse((String) run.get("scope_code"));
        long started = System.nanoTime();
        try {
            if (jdbc.update(
                            "update import_run set status = 'RUNNING', started_at = now(), heartbeat_at = now() "
                                    + "where id = ? and status = 'QUEUED' and not cancel_requested",
                            importId)
                    == 0) {
                log.info("Import {} was cancelled before it started", importId);
                return;
            }
            Counts started0 = new Counts();
            Counts counts = tx.execute(status -> {
                Counts c = importInOneTransaction(
                        importId,
                        importer,
                        file,
                        reading,
                        started0,
                        new MergeContext(
                                jdbc,
                                importId,
                                prefix,
                                (String) run.get("created_by"),
                                regionLookup,
                                () -> phase(importId, started0, Phase.MERGE)));
                if (reading.dryRun()) {
                    // a dry run: everything was checked and merged, and now nothing of it stays but the counts
                    c.dryRun = dryRunResult(importId, c);
                    status.setRollbackOnly();
                } else {
                    // the last statement before the commit, so the mark and the data stand or fall together: a node
                    // killed after this commit leaves a run that is applied, one killed before leaves nothing
                    // (failOrphans tells the two apart). Nothing updates this row on the side after it until the
                    // commit, or the two transactions of this thread would wait for each other.
                    writeCounts(importId, c, "applied_at = now()");
                }
                return c;
            });
            if (reading.dryRun()) {
                jdbc.update("update import_run set dry_run_result = ? where id = ?", json(counts.dryRun), importId);
            } else {
                // what depends on the register (the baseline table …) is brought up to date before the import
                // reports success, so whoever sees it finished sees its effects
                phase(importId, counts, Phase.COVERAGE);
                if (counts.accepted() >= BULK_ROWS) {
                    importer.afterBulkLoad().forEach(jdbc::execute);
                }
                announce(importId, importer.kind());
            }
            phase(importId, counts, null);
            // rows held as transfer requests are neither accepted nor rejected: the other side decides them
            // so are exact repeats of a row and rows held for a clerk (one ID number, two names): each its own count
            writeCounts(importId, counts, "status = 'SUCCEEDED', finished_at = now()");
            log.info(
                    "Import {} ({}) of {}: {} rows read, {} rejected, {} repeated, {} held for a clerk, {} held as "
                            + "transfer requests, {} persons changed in {} ms",
                    importId,
                    importer.kind(),
                    file.getFileName(),
                    counts.read,
                    counts.rejected,
                    counts.duplicate,
                    counts.held,
                    counts.transferRequested,
                    counts.changed,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Cancelled cancelled) {
            jdbc.update(
                    "update import_run set status = 'CANCELLED', phase = null, finished_at = now() where id = ?",
                    importId);
            log.info("Import {} cancelled by a clerk; nothing of it was written", importId);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof DomainException)) {
                cause = cause.getCause();
            }
            String key = cause instanceof DomainException d ? d.messageKey() : "register.import.failed";
            String detail = cause instanceof DomainException d
                    ? String.join("\u001f", toStrings(d.args()))
                    : String.valueOf(cause.getMessage());
            if (jdbc.update(
                            "update import_run set status = 'FAILED', error_key = ?, error_detail = ?, finished_at = now() "
                                    + "where id = ? and applied_at is null",
                            key,
                            detail,
                            importId)
                    == 0) {
                // the data was committed before the failure (a later step failed): the import stands, and says so
                jdbc.update(
                        "update import_run set status = 'SUCCEEDED', phase = null, error_key = ?, "
                                + "finished_at = now() where id = ?",
                        APPLIED_BEFORE_FAILURE,
                        importId);
                log.warn("Import {} was applied; a step after its commit failed: {} {}", importId, key, detail, e);
                return;
            }
            log.warn("Import {} failed: {} {}", importId, key, detail, cause instanceof DomainException ? null : e);
        }
    }

    private void writeCounts(long importId, Counts counts, String andSet) {
        jdbc.update(
                "update import_run set " + andSet + ", format = ?, rows_read = ?, rows_accepted = ?, "
                        + "rows_rejected = ?, rows_transfer_requested = ?, rows_duplicate = ?, rows_held = ?, "
                        + "persons_changed = ?, persons_accepted = ?, snapshot_absent = ?, heartbeat_at = now() where id = ?",
                counts.format.name(),
                counts.read,
                counts.accepted(),
                counts.rejected,
                counts.transferRequested,
                counts.duplicate,
                counts.held,
                counts.changed,
                counts.personsAccepted,
                counts.absent,
                importId);
    }

    /** How the run reads its file: the clerk's read options and column mapping, and whether it is a dry run. */
    private record Reading(
            ReadOptions options, ColumnMapping mapping, boolean dryRun, java.time.LocalDate snapshotAsOf) {

        /** The columns a police snapshot may lack: 变动类型, 变动日期. */
        static final java.util.Set<String> SNAPSHOT_DEFAULTED = java.util.Set.of("event", "event_date");

        /** A police snapshot's rows lacking 变动类型 / 变动日期 are registrations on the day it lists. */
        Map<String, String> absentValues() {
            return snapshotAsOf == null ? Map.of() : Map.of("event", "在册", "event_date", snapshotAsOf.toString());
        }
    }

    /**
     * A dry run's counts, taken inside its transaction before the rollback: the persons it created and changed, the
     * rows repeating an earlier row of the file, the rejects and every reason (held and repeated rows included).
     */
    private cn.canbao.register.ImportRun.DryRunResult dryRunResult(long importId, Counts counts) {
        int created =
                jdbc.queryForObject("select count(*) from person where created_import = ?", Integer.class, importId);
        int changed = jdbc.queryForObject(
                "select count(distinct c.id_number) from person_change c where c.import_id = ? "
                        + "and not exists (select 1 from person p where p.id_number = c.id_number and p.created_import = ?)",
                Integer.class,
                importId,
                importId);
        Map<String, Integer> reasons = new java.util.LinkedHashMap<>();
        jdbc.query(
                "select reason_key, count(*) from import_reject where import_id = ? group by reason_key "
                        + "order by 2 desc, 1",
                rs -> {
                    reasons.put(rs.getString(1), rs.getInt(2));
                },
                importId);
        countRejects(importId, counts);
        return new cn.canbao.register.ImportRun.DryRunResult(
                created, changed, counts.duplicate, counts.rejected, reasons);
    }

    /**
     * A snapshot's candidates for a move-out: active persons of the villages it lists (household region) whom it does
     * not list. Recorded for the clerk; nothing about them changes (issue 17: "never deleted silently").
     */
    private int recordAbsentees(long importId) {
        return jdbc.update(
                "insert into snapshot_absentee (import_id, id_number, household_region) "
                        + "select ?, p.id_number, p.household_region from person p where p.status = 'ACTIVE' "
                        + "and p.household_region in (select distinct household_region from snapshot_listed "
                        + "where household_region is not null) "
                        + "and not exists (select 1 from snapshot_listed l where l.id_number = p.id_number)",
                importId);
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Counts importInOneTransaction(
            long importId, KindImporter importer, Path file, Reading reading, Counts counts, MergeContext ctx) {
        try {
            phase(importId, counts, Phase.READ);
            jdbc.execute("create temp table import_stage (row_number bigint not null, " + importer.stageDdl()
                    + ") on commit drop");
            long t0 = System.nanoTime();
            var connection = DataSourceUtils.getConnection(dataSource);
            Handler handler;
            try (RejectSpool rejects = new RejectSpool(importId)) {
                try (CopyStream copy =
                        new CopyStream(connection, "import_stage", "row_number, " + importer.stageColumns())) {
                    handler = new Handler(importId, importer, copy, rejects, counts, reading);
                    counts.format = ExtractReader.read(file, reading.options(), handler);
                    copy.finish();
                }
                // the rejects found while reading, spooled to disk, in one COPY
                rejects.load(connection);
            }
            // a held row is imported again under this header once a clerk chose it; written on the side like the
            // progress: the import's own transaction must not lock its import_run row, or the next phase's update
            // (its own transaction) would wait for it forever
            String header = handler.header;
            sideTx.executeWithoutResult(
                    st -> jdbc.update("update import_run set header = ? where id = ?", header, importId));
            long t1 = System.nanoTime();
            phase(importId, counts, Phase.CHECK);
            // no index on the stage: every check and merge is one set-wide (hash) join
            jdbc.execute("analyze import_stage");
            if (reading.snapshotAsOf() != null) {
                // everyone the snapshot lists, before any row is refused: a refused row is not a move-out
                jdbc.execute("create temp table snapshot_listed on commit drop as select distinct id_number, "
                        + "household_region from import_stage");
            }
            importer.merge(ctx);
            if (reading.snapshotAsOf() != null) {
                counts.absent = recordAbsentees(importId);
            }
            ctx.nameVillages();
            counts.transferRequested = ctx.transferRequested();
            long t2 = System.nanoTime();
            fillRawOfMergeRejects(importId, file, reading.options());
            log.info(
                    "Import {}: read, validated and staged {} rows in {} ms; checked and merged in {} ms",
                    importId,
                    counts.read,
                    (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000);
            countRejects(importId, counts);
            counts.personsAccepted = personsAccepted(importId, importer);
            // the files it created, plus the others it changed (person_change by its index): no union of 600,000 ids
            // an extract that creates no files (all but the police's) is counted from its changes alone: counting
            // created files reads every file of the province
            // the files it created are those its merge counted (person has no index by created_import: counting them
            // read every file of the province)
            counts.changed = importer.createsFiles()
                    ? jdbc.queryForObject(
                            "select ? + (select count(distinct c.id_number) from person_change c "
                                    + "where c.import_id = ? and not exists (select 1 from person p where p.id_number = c.id_number "
                                    + "and p.created_import = ?))",
                            Integer.class,
                            ctx.created(),
                            importId,
                            importId)
                    : jdbc.queryForObject(
                            "select count(distinct c.id_number) from person_change c where c.import_id = ?",
                            Integer.class,
                            importId);
            return counts;
        } catch (IOException e) {
            throw new cn.canbao.register.RegisterException(
                    "register.import.unreadable", file.getFileName().toString());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Rows not applied, by what they are: rejected, exact repeats of an earlier row, held for a clerk (one ID
     * number under two names); the import's summary explains the gap between rows read and accepted by them.
     */
    private void countRejects(long importId, Counts counts) {
        List<String> duplicate = keysCounting(RejectReason.Count.DUPLICATE);
        List<String> held = keysCounting(RejectReason.Count.HELD);
        jdbc.query(
                "select count(*) filter (where reason_key <> all(?::text[]) and reason_key <> all(?::text[])), "
                        + "count(*) filter (where reason_key = any(?::text[])), count(*) filter (where reason_key = any(?::text[])) "
                        + "from import_reject where import_id = ?",
                rs -> {
                    counts.rejected = rs.getInt(1);
                    counts.duplicate = rs.getInt(2);
                    counts.held = rs.getInt(3);
                },
                duplicate.toArray(String[]::new),
                held.toArray(String[]::new),
                duplicate.toArray(String[]::new),
                held.toArray(String[]::new),
                importId);
    }

    /** Distinct persons of the accepted rows (null for a kind whose rows name no person by ID number). */
    private Integer personsAccepted(long importId, KindImporter importer) {
        if (!java.util.Arrays.asList(importer.stageColumns().split("\\s*,\\s*")).contains("id_number")) {
            return null;
        }
        // group by, not count(distinct): a hash aggregate instead of a sort of the stage
        return jdbc.queryForObject(
                "select count(*) from (select s.id_number from import_stage s where not exists "
                        + "(select 1 from import_reject r where r.import_id = ? and r.row_number = s.row_number) "
                        + "group by s.id_number) a",
                Integer.class,
                importId);
    }

    private static List<String> keysCounting(RejectReason.Count count) {
        return java.util.Arrays.stream(RejectReason.values())
                .filter(r -> r.count() == count)
                .map(RejectReason::messageKey)
                .toList();
    }

    /**
     * The merge is the import worker's own work (no person is logged in on its thread): it sees every region,
     * so a row about a person registered elsewhere is refused naming that person's village, as the clerk needs.
     */
    private static MergeContext.RegionLookup systemLookup(RegionService regions) {
        return new MergeContext.RegionLookup() {
            @Override
            public Map<String, Region> regions(Collection<String> codes) {
                return SystemAccess.call(() -> regions.byCode(codes));
            }

            @Override
            public Map<String, String> villageLabels(Collection<String> codes) {
                Map<String, String> labels = new HashMap<>();
                SystemAccess.call(() -> regions.labels(codes)).forEach((code, l) -> labels.put(code, l.full()));
                return labels;
            }
        };
    }

    /** Tells the listeners of an import committed by a node that died before it could (see failOrphans). */
    public void announceApplied(long importId, ExtractKind kind) {
        announce(importId, kind);
    }

    /** Tells the listeners (baseline refresh …); their failure does not make the committed import fail. */
    private void announce(long importId, ExtractKind kind) {
        try {
            events.publishEvent(new cn.canbao.register.ImportFinished(importId, kind));
        } catch (RuntimeException e) {
            log.error("A listener of import {} failed; the import itself stands", importId, e);
        }
    }

    /** Rows refused by the SQL checks get their raw text from a second pass over the file. */
    private void fillRawOfMergeRejects(long importId, Path file, ReadOptions options) throws IOException {
        List<Long> missing = jdbc.queryForList(
                "select row_number from import_reject where import_id = ? " + "and raw is null", Long.class, importId);
        if (missing.isEmpty()) {
            return;
        }
        Map<Long, String> raw = new HashMap<>();
        java.util.Set<Long> wanted = new java.util.HashSet<>(missing);
        ExtractReader.read(file, options, new ExtractHandler() {
            @Override
            public void header(List<String> names) {}

            @Override
            public void row(ExtractRow row) {
                if (wanted.contains(row.number())) {
                    raw.put(row.number(), RawRow.join(row.cells()));
                }
            }
        });
        jdbc.batchUpdate(
                "update import_reject set raw = ? where import_id = ? and row_number = ?",
                raw.entrySet().stream()
                        .map(e -> new Object[] {e.getValue(), importId, e.getKey()})
                        .toList());
    }

    /** The counts so far, for the progress bar; stops the import when a clerk asked to cancel it. */
    private void progress(long importId, Counts counts) {
        Boolean cancelled = sideTx.execute(s -> jdbc.queryForObject(
                "update import_run set rows_read = ?, "
                        + "rows_rejected = ?, rows_accepted = ?, heartbeat_at = now() where id = ? returning cancel_requested",
                Boolean.class,
                counts.read,
                counts.rejected,
                counts.read - counts.rejected,
                importId));
        if (Boolean.TRUE.equals(cancelled)) {
            throw new Cancelled();
        }
    }

    private static String[] toStrings(Object[] args) {
        String[] s = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            s[i] = String.valueOf(args[i]);
        }
        return s;
    }

    static String textArray(Object[] args) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"')
                    .append(String.valueOf(args[i]).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return sb.append('}').toString();
    }

    private static final class Counts {
        Phase phase;
        long phaseStarted;
        final Map<String, Long> phaseMillis = new java.util.LinkedHashMap<>();
        ExtractFormat format;
        int absent;
        cn.canbao.register.ImportRun.DryRunResult dryRun;
        int read;
        int rejected;
        int duplicate;
        int held;
        int transferRequested;
        int changed;
        Integer personsAccepted;

        int accepted() {
            return read - rejected - duplicate - held - transferRequested;
        }
    }

    /** Validates each row: good ones go to COPY, bad ones to the rejects with their reason. */
    private final class Handler implements ExtractHandler {
        private final long importId;
        private final KindImporter importer;
        private final CopyStream copy;
        private final RejectSpool rejects;
        private final Counts counts;
        private final Reading reading;
        private RowValues values;
        /** The header as read; written once COPY is done (the connection is busy with it until then). */
        String header;

        Handler(
                long importId,
                KindImporter importer,
                CopyStream copy,
                RejectSpool rejects,
                Counts counts,
                Reading reading) {
            this.reading = reading;
            this.importId = importId;
            this.importer = importer;
            this.copy = copy;
            this.rejects = rejects;
            this.counts = counts;
        }

        @Override
        public void header(List<String> names) {
            values = RowValues.forHeader(
                    importer.columns(), names, reading.mapping(), reading.absentValues(), LocalDate.now(clock));
            header = RawRow.join(names);
        }

        @Override
        public void row(ExtractRow row) {
            counts.read++;
            if (row.problem() != null) {
                reject(row, row.problem(), new Object[0], null, null);
            } else {
                values.set(row.cells());
                try {
                    List<Object> staged = importer.convert(values);
                    List<Object> line = new ArrayList<>(staged.size() + 1);
                    line.add(row.number());
                    line.addAll(staged);
                    copy.row(line);
                } catch (RowRejected refused) {
                    Column column = refused.column();
                    reject(
                            row,
                            refused.reason().messageKey(),
                            refused.args(),
                            column == null ? null : column.chinese(),
                            column == null ? null : column.masked(refused.value()));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (counts.read % PROGRESS_EVERY == 0) {
                progress(importId, counts);
            }
        }

        private void reject(ExtractRow row, String key, Object[] args, String column, String maskedValue) {
            counts.rejected++;
            rejects.add(importId, row.number(), key, textArray(args), RawRow.join(row.cells()), column, maskedValue);
        }
    }
}
