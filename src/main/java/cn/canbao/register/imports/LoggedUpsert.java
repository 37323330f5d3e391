package cn.canbao.register.imports;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows of a person's file merged set-based from a source query (over the stage), each added or changed
 * row with one change-log row whose old and new values read as the {@code text} columns joined by
 * spaces. Changes run before additions: on a first import the join with existing rows is empty.
 *
 * @param table  the register table (enrollment, payment, person_group)
 * @param field  what person_change calls it
 * @param key    its conflict key; the source has these columns, id_number among key or values
 * @param values the columns an import may change
 * @param text   the columns that describe a row in the change log
 */
record LoggedUpsert(String table, String field, List<String> key, List<String> values, List<String> text) {

    /**
     * Updates the rows whose values differ from the source's (logging old and new), then adds the source's rows
     * whose key is new ({@link #insert}), finding the rows the table holds for the source's keys once for both;
     * {@code aroundInsert} runs the insert (e.g. inside {@link BulkLoad#insert}).
     */
    void merge(MergeContext ctx, String source, java.util.function.Consumer<Runnable> aroundInsert) {
        lock(ctx);
        match(ctx, source);
        updateFromMatch(ctx, source);
        aroundInsert.accept(() -> insertAfterMatch(ctx, source));
        ctx.jdbc().execute("drop table " + MATCH);
    }

    /** {@link #merge} with the insert run as it is. */
    void merge(MergeContext ctx, String source) {
        merge(ctx, source, Runnable::run);
    }

    /**
     * Adds the source's rows whose key is new (in key order: indexes grow at their right edge), logging each; of
     * several source rows with one key the first in key order. The existing keys are left out by an anti-join and the
     * source's own repeats by {@code distinct on}, not by "on conflict do nothing": its speculative insertion costs
     * about 60 % more per row (issue 17's speed goal). An advisory lock per table, held to the commit, keeps two
     * imports (two nodes) from adding the same key at once.
     */
    void insert(MergeContext ctx, String source) {
        lock(ctx);
        match(ctx, source);
        insertAfterMatch(ctx, source);
        ctx.jdbc().execute("drop table " + MATCH);
    }

    /** The rows of the table the source's keys name, as they were when the merge began (dropped at the commit). */
    private static final String MATCH = "import_upsert_match";

    /**
     * The source's keys looked up in the table once each ({@link #MATCH}): the update and the anti-join of the insert
     * then join the source with these rows, not with the whole table, which each of them hashed — a province's 10
     * million enrollments, spilled to disk (issue 18: the insurance merge grew with the province by these passes).
     * The source's keys are written down first (its own joins planned freely), then looked up by the table's key.
     * Taken under the table's lock: no other import adds a key until the commit.
     */
    private void match(MergeContext ctx, String source) {
        ctx.jdbc().execute("drop table if exists " + MATCH);
        ctx.jdbc().execute("drop table if exists " + KEYS);
        ctx.jdbc()
                .execute("create temp table " + KEYS + " on commit drop as select " + join(key, "s.") + " from ("
                        + source + ") s");
        ctx.jdbc().execute("analyze " + KEYS);
        Long keys = ctx.jdbc().queryForObject("select count(*) from " + KEYS, Long.class);
        ctx.byIndexLookups(
                table,
                keys == null ? 0 : keys,
                () -> ctx.jdbc()
                        .execute("create temp table " + MATCH + " on commit drop as select t.* from " + table
                                + " t where (" + join(key, "t.") + ") in (select " + join(key, "k.") + " from " + KEYS
                                + " k)"));
        ctx.jdbc().execute("drop table " + KEYS);
        ctx.jdbc().execute("analyze " + MATCH);
    }

    /** The source's keys, while {@link #match} looks them up. */
    private static final String KEYS = "import_upsert_keys";

    private void lock(MergeContext ctx) {
        ctx.jdbc().queryForList("select pg_advisory_xact_lock(hashtext(?))", "canbao.merge." + table);
    }

    private void updateFromMatch(MergeContext ctx, String source) {
        ctx.jdbc()
                .update(
                        "with src as (select s.*, " + text("t") + " old_text from (" + source + ") s join " + MATCH
                                + " t using (" + join(key, "") + ") where (" + join(values, "t.")
                                + ") is distinct from ("
                                + join(values, "s.") + ")), updated as (update " + table + " t set "
                                + values.stream().map(v -> v + " = s." + v).collect(Collectors.joining(", "))
                                + ", import_id = ? from src s where (" + join(key, "t.") + ") = (" + join(key, "s.")
                                + ") "
                                + "returning s.*) insert into person_change (id_number, import_id, field, old_value, new_value, "
                                + "changed_by) select u.id_number, ?, ?, u.old_text, " + text("u")
                                + ", ? from updated u",
                        ctx.importId(),
                        ctx.importId(),
                        field,
                        ctx.user());
    }

    private void insertAfterMatch(MergeContext ctx, String source) {
        String columns = join(key, "") + ", " + join(values, "");
        ctx.jdbc()
                .update(
                        "with added as (insert into " + table + " (" + columns + ", import_id) select distinct on ("
                                + join(key, "") + ") " + columns + ", ? from (" + source
                                + ") s where not exists (select 1 from "
                                + MATCH + " t where (" + join(key, "t.") + ") = (" + join(key, "s.") + ")) order by "
                                + join(key, "") + " returning *) "
                                + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                                + "select a.id_number, ?, ?, null, " + text("a") + ", ? from added a",
                        ctx.importId(),
                        ctx.importId(),
                        field,
                        ctx.user());
    }

    /** The text columns joined by spaces; empty and null ones left out. */
    private String text(String alias) {
        return "concat_ws(' ', "
                + text.stream()
                        .map(c -> "nullif(" + alias + "." + c + "::text, '')")
                        .collect(Collectors.joining(", ")) + ")";
    }

    private static String join(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + c).collect(Collectors.joining(", "));
    }
}
