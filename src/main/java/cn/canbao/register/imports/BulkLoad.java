package cn.canbao.register.imports;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A load that more than doubles a table (the county's first import) is faster with the table's
 * secondary indexes dropped and rebuilt once afterwards than maintained row by row. Inside the
 * import's transaction: a failure restores them with everything else. The definitions come from
 * the catalogue, so they stay those of the migrations.
 */
final class BulkLoad {

    private static final long MIN_ROWS = 50_000;

    private BulkLoad() {}

    /**
     * Runs the insert, without the secondary indexes of each of the tables whose rows the {@code incoming}
     * rows outnumber (small loads keep every index).
     */
    static void insert(JdbcTemplate jdbc, List<String> tables, long incoming, Runnable insert) {
        List<Map<String, Object>> dropped = new java.util.ArrayList<>();
        for (String table : tables) {
            Long existing = rows(jdbc, table);
            if (incoming >= MIN_ROWS && existing != null && incoming >= existing) {
                dropped.addAll(jdbc.queryForList(
                        "select i.indexname, i.indexdef from pg_indexes i join pg_index x "
                                + "on x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass "
                                + "where i.tablename = ? and i.schemaname = current_schema() and not x.indisprimary "
                                + "and not x.indisunique",
                        table));
            }
        }
        dropped.forEach(i -> jdbc.execute("drop index " + i.get("indexname")));
        insert.run();
        dropped.forEach(i -> jdbc.execute((String) i.get("indexdef")));
    }

    /** The planner's row estimate (no scan of a large log table); counted only for a never-analysed table. */
    private static Long rows(JdbcTemplate jdbc, String table) {
        Long estimate = jdbc.queryForObject(
                "select reltuples::bigint from pg_class where oid = ?::regclass", Long.class, table);
        return estimate != null && estimate >= 0
                ? estimate
                : jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
