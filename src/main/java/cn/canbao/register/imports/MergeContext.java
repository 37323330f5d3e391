package cn.canbao.register.imports;

import cn.canbao.region.Region;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
        this(jdbc, importId, scopePrefix, user, regionLookup, () -> { });
    }

    MergeContext(JdbcTemplate jdbc, long importId, String scopePrefix, String user, RegionLookup regionLookup,
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
     * Records a reason for every staged row the condition selects (a row keeps its first reason).
     * {@code argsSql} is a text[] expression over {@code s}; {@code condition} a where-clause over {@code s}.
     */
    int reject(String reasonKey, String argsSql, String condition, Object... params) {
        Object[] all = new Object[params.length + 2];
        all[0] = importId;
        all[1] = reasonKey;
        System.arraycopy(params, 0, all, 2, params.length);
        return jdbc.update("insert into import_reject (import_id, row_number, reason_key, reason_args) "
                + "select ?, s.row_number, ?, " + argsSql + " from import_stage s where " + condition
                + " on conflict do nothing", all);
    }

    /**
     * Declares that argument {@code position} (1-based) of the reason is a village code (or "—" for none):
     * {@link #nameVillages} replaces it by the township and village name the reader knows.
     */
    MergeContext villageArgument(String reasonKey, int position) {
        villageArgs.computeIfAbsent(reasonKey, k -> new TreeSet<>()).add(position);
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
        List<String> codes = jdbc.queryForList("select distinct a.code from import_reject r cross join lateral " + args
                + " where r.import_id = ? and w.i is not null", String.class, keyArray, positionArray, importId);
        Map<String, String> labels = codes.isEmpty() ? Map.of() : regionLookup.villageLabels(codes);
        if (labels.isEmpty()) {
            return;
        }
        List<String> named = new ArrayList<>(labels.keySet());
        jdbc.update("update import_reject r set reason_args = coalesce((select array_agg(coalesce(n.label, a.code) "
                + "order by a.i) from " + args + " left join unnest(?::text[], ?::text[]) n(code, label) "
                + "on w.i is not null and n.code = a.code), r.reason_args) where r.import_id = ? and r.reason_key = any(?)",
                keyArray, positionArray, named.toArray(String[]::new), named.stream().map(labels::get).toArray(String[]::new),
                importId, keyArray);
    }

    /** Rows repeating the key of a later row of the file: the later row is taken (one window pass). */
    void rejectDuplicates(String keyColumns) {
        jdbc.update("insert into import_reject (import_id, row_number, reason_key, reason_args) "
                + "select ?, row_number, 'register.reject.duplicateRow', array[later::text] from (select row_number, "
                + "lead(row_number) over (partition by " + keyColumns + " order by row_number) later "
                + "from import_stage) d where later is not null on conflict do nothing", importId);
    }

    /** Removes the rejected rows from the stage before merging. */
    void dropRejected() {
        if (checked != null) {
            Runnable once = checked;
            checked = null;
            once.run(); // the checks are done: the rest is the merge
        }
        jdbc.update("delete from import_stage s using import_reject r where r.import_id = ? "
                + "and r.row_number = s.row_number", importId);
    }

    String scopeLike() {
        return scopePrefix + "%";
    }
}
