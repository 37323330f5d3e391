package cn.canbao.register.imports;

import cn.canbao.base.database.PlannerSettings;
import cn.canbao.region.Region;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The merge step's view of one import: the transaction's JdbcTemplate, the import, the scope's code
 * prefix and who imports. Staged rows are in {@code import_stage s}. It also counts the rows the merge
 * held back as transfer requests (neither accepted nor rejected). Regions are the region module's: the merge
 * asks it ({@link #regions}) for the codes a file names, and reasons that name villages are written with the
 * codes and named in one pass at the end ({@link #nameVillages}).
 */
final class MergeContext {

    private final JdbcTemplate jdbc;
    private final long importId;
    private final String scopePrefix;
    private final String user;
    private final RegionLookup regionLookup;
    /** Reason key → the 1-based positions of its arguments that are village codes. */
    private final Map<String, Set<Integer>> villageArgs = new LinkedHashMap<>();

    private int transferRequested;

    private long created;

    /** The region module's answers the merge needs, for many codes at once, whatever the importer's scope. */
    interface RegionLookup {
        /** The regions of the codes (revoked ones too); unknown codes are absent. */
        Map<String, Region> regions(Collection<String> codes);

        /** Township and village name of each code, as people write a village; unknown codes are absent. */
        Map<String, String> villageLabels(Collection<String> codes);
    }

    /** Called once the checks are done and the merge starts (the import's phase moves on). */
    private Runnable checked;

    MergeContext(JdbcTemplate jdbc, long importId, String scopePrefix, String user, RegionLookup regionLookup) {
        this(jdbc, importId, scopePrefix, user, regionLookup, () -> {});
    }

    MergeContext(
            JdbcTemplate jdbc,
            long importId,
            String scopePrefix,
            String user,
            RegionLookup regionLookup,
            Runnable checked) {
        this.checked = checked;
        this.jdbc = jdbc;
        this.importId = importId;
        this.scopePrefix = scopePrefix;
        this.user = user;
        this.regionLookup = regionLookup;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    long importId() {
        return importId;
    }

    String scopePrefix() {
        return scopePrefix;
    }

    String user() {
        return user;
    }

    /** The regions of the codes (revoked ones too), in one call; unknown codes are absent. */
    Map<String, Region> regions(Collection<String> codes) {
        return codes.isEmpty() ? Map.of() : regionLookup.regions(codes);
    }

    /** Rows held back as transfer requests so far. */
    int transferRequested() {
        return transferRequested;
    }

    void countTransferRequested(int rows) {
        transferRequested += rows;
    }

    /**
     * Runs statements that join a small table of the import's keys with a register table as a lookup of each key in
     * the register table's index (a nested loop), never as a hash or merge join over the whole register table: that
     * costs what the import's rows cost, whatever the province's size (issue 18: at 4 counties a county's keys looked
     * up in {@code person} took 1.2 s, a hash join 1.4–3.3 s, growing with every county). For statements joining
     * nothing else: every join of theirs becomes a nested loop. Only when the register table holds at least as many
     * rows as the import looks up (the planner's estimate, as {@link BulkLoad} judges a first load): into a smaller
     * table — a county's first load — a hash join is the cheaper, and the statements are planned as they are.
     */
    void byIndexLookups(String table, long keys, Runnable statements) {
        Long rows = jdbc.queryForObject(
                "select reltuples::bigint from pg_class where oid = ?::regclass", Long.class, table);
        if (rows == null || rows < keys) {
            statements.run();
            return;
        }
        PlannerSettings.with(
                JdbcClient.create(jdbc), Map.of("enable_hashjoin", "off", "enable_mergejoin", "off"), () -> {
                    statements.run();
                    return null;
                });
    }

    /** Files (person rows) the merge created so far. */
    long created() {
        return created;
    }

    void countCreated(long rows) {
        created += rows;
    }

    /**
     * Records a reason for every staged row the condition selects (a row keeps its first reason).
     * {@code argsSql} is a text[] expression over {@code s}; {@code condition} a where-clause over {@code s}.
     */
    int reject(RejectReason reason, String argsSql, String condition, Object... params) {
        return rejectAt(reason, null, "null", argsSql, condition, params);
    }

    /**
     * {@link #reject} for a reason about one cell: {@code column} is its header (as the layout names it),
     * {@code valueSql} a text expression over {@code s} of the value as a reject may show it (masked if an ID or
     * phone).
     */
    int rejectAt(
            RejectReason reason, String column, String valueSql, String argsSql, String condition, Object... params) {
        Object[] all = new Object[params.length + 3];
        all[0] = importId;
        all[1] = reason.messageKey();
        all[2] = column;
        System.arraycopy(params, 0, all, 3, params.length);
        return jdbc.update(
                "insert into import_reject (import_id, row_number, reason_key, column_name, cell_value, "
                        + "reason_args) select ?, s.row_number, ?, ?::text, " + valueSql + ", " + argsSql
                        + " from import_stage s where " + condition + " on conflict do nothing",
                all);
    }

    /**
     * Declares that argument {@code position} (1-based) of the reason is a village code (or "—" for none):
     * {@link #nameVillages} replaces it by the township and village name the reader knows.
     */
    MergeContext villageArgument(RejectReason reason, int position) {
        villageArgs.computeIfAbsent(reason.messageKey(), k -> new TreeSet<>()).add(position);
        return this;
    }

    /**
     * Names the villages of the reasons recorded so far ({@link #villageArgument}): the distinct codes of all
     * rejected rows in one statement, their names in one call to the region module, written back in one
     * statement. A code without a region stays as it is.
     */
    void nameVillages() {
        if (villageArgs.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        villageArgs.forEach((key, list) -> list.forEach(p -> {
            keys.add(key);
            positions.add(p);
        }));
        String[] keyArray = keys.toArray(String[]::new);
        Integer[] positionArray = positions.toArray(Integer[]::new);
        // w: the (reason, position) pairs that hold a village
        String args = "unnest(r.reason_args) with ordinality a(code, i) left join unnest(?::text[], ?::int[]) "
                + "w(reason_key, i) on w.reason_key = r.reason_key and w.i = a.i";
        List<String> codes = jdbc.queryForList(
                "select distinct a.code from import_reject r cross join lateral " + args
                        + " where r.import_id = ? and w.i is not null",
                String.class,
                keyArray,
                positionArray,
                importId);
        Map<String, String> labels = codes.isEmpty() ? Map.of() : regionLookup.villageLabels(codes);
        if (labels.isEmpty()) {
            return;
        }
        List<String> named = new ArrayList<>(labels.keySet());
        jdbc.update(
                "update import_reject r set reason_args = coalesce((select array_agg(coalesce(n.label, a.code) "
                        + "order by a.i) from " + args + " left join unnest(?::text[], ?::text[]) n(code, label) "
                        + "on w.i is not null and n.code = a.code), r.reason_args) where r.import_id = ? and r.reason_key = any(?)",
                keyArray,
                positionArray,
                named.toArray(String[]::new),
                named.stream().map(labels::get).toArray(String[]::new),
                importId,
                keyArray);
    }

    /**
     * Rows repeating others of the file with the same key: an exact repeat (every staged value equal) is
     * {@link RejectReason#DUPLICATE_EXACT} of the first such row, which is taken; of the rows left, one with the key of
     * a later row but other values is {@link RejectReason#DUPLICATE_ROW}, naming the later row, which is taken (a file
     * lists a source's records in the order it wrote them). One window pass each.
     */
    void rejectDuplicates(String keyColumns) {
        rejectExactRepeats(keyColumns);
        jdbc.update(
                "insert into import_reject (import_id, row_number, reason_key, reason_args) "
                        + "select ?, row_number, ?, array[later::text] from (select s.row_number, "
                        + "lead(s.row_number) over (partition by " + keyColumns + " order by s.row_number) later "
                        + "from import_stage s where (" + keyColumns + ") in (select " + keyColumns
                        + " from import_repeated) "
                        + "and not exists (select 1 from import_reject r where r.import_id = ? "
                        + "and r.row_number = s.row_number)) d where later is not null on conflict do nothing",
                importId,
                RejectReason.DUPLICATE_ROW.messageKey(),
                importId);
    }

    /**
     * The keys that more than one staged row has ({@code import_repeated}, dropped at the commit): one hash aggregate
     * over the stage, after which every repeat check sorts only the rows of those keys — a county file has hundreds of
     * them among 600,000 rows, and a window over the whole stage sorted it all (1.5 s each, issue 17's speed goal).
     */
    void findRepeatedKeys(String keyColumns) {
        jdbc.execute("drop table if exists import_repeated");
        jdbc.execute("create temp table import_repeated on commit drop as select " + keyColumns + " from import_stage "
                + "group by " + keyColumns + " having count(*) > 1");
        jdbc.execute("analyze import_repeated");
    }

    /**
     * Rows equal in every staged value to an earlier row of the file: the first is taken, the repeats reported.
     * Only rows whose key (not null columns) repeats are compared whole, so a county file without repeats costs one
     * hash aggregate.
     */
    void rejectExactRepeats(String keyColumns) {
        findRepeatedKeys(keyColumns);
        jdbc.update(
                "insert into import_reject (import_id, row_number, reason_key, reason_args) "
                        + "select ?, row_number, ?, array[first::text] from (select r.row_number, first_value(r.row_number) "
                        + "over (partition by to_jsonb(r) - 'row_number' order by r.row_number) first from import_stage r "
                        + "where (" + keyColumns + ") in (select " + keyColumns + " from import_repeated)) d "
                        + "where first <> row_number on conflict do nothing",
                importId,
                RejectReason.DUPLICATE_EXACT.messageKey());
    }

    /** Removes the rejected rows from the stage before merging. */
    /** Drops the rows sorted out as repeats before the checks (the checks are still to come: no phase change). */
    void dropRepeats() {
        jdbc.update(
                "delete from import_stage s using import_reject r where r.import_id = ? "
                        + "and r.row_number = s.row_number",
                importId);
    }

    void dropRejected() {
        if (checked != null) {
            Runnable once = checked;
            checked = null;
            once.run(); // the checks are done: the rest is the merge
        }
        jdbc.update(
                "delete from import_stage s using import_reject r where r.import_id = ? "
                        + "and r.row_number = s.row_number",
                importId);
    }

    String scopeLike() {
        return scopePrefix + "%";
    }
}
