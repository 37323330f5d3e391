package cn.canbao.register.imports;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The merge step's view of one import: the transaction's JdbcTemplate, the import, the scope's code
 * prefix and who imports. Staged rows are in {@code import_stage s}. It also counts the rows the merge
 * held back as transfer requests (neither accepted nor rejected).
 */
final class MergeContext {

    private final JdbcTemplate jdbc;
    private final long importId;
    private final String scopePrefix;
    private final String user;
    private int transferRequested;

    MergeContext(JdbcTemplate jdbc, long importId, String scopePrefix, String user) {
        this.jdbc = jdbc;
        this.importId = importId;
        this.scopePrefix = scopePrefix;
        this.user = user;
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

    /** Rows repeating the key of a later row of the file: the later row is taken (one window pass). */
    void rejectDuplicates(String keyColumns) {
        jdbc.update("insert into import_reject (import_id, row_number, reason_key, reason_args) "
                + "select ?, row_number, 'register.reject.duplicateRow', array[later::text] from (select row_number, "
                + "lead(row_number) over (partition by " + keyColumns + " order by row_number) later "
                + "from import_stage) d where later is not null on conflict do nothing", importId);
    }

    /** Removes the rejected rows from the stage before merging. */
    void dropRejected() {
        jdbc.update("delete from import_stage s using import_reject r where r.import_id = ? "
                + "and r.row_number = s.row_number", importId);
    }

    String scopeLike() {
        return scopePrefix + "%";
    }
}
