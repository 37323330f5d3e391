package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import java.util.List;

/**
 * What one extract kind adds to the common pipeline: its columns, how a row becomes a row of the
 * staging table, and the set-based SQL that checks the staged rows against the database and merges them.
 */
interface KindImporter {

    ExtractKind kind();

    List<Column> columns();

    /** Columns of the staging table after {@code row_number bigint}, as DDL. */
    String stageDdl();

    /** The same columns' names, in order, for COPY. */
    String stageColumns();

    /** The staging values of a valid row, in {@link #stageColumns()} order; throws {@link RowRejected}. */
    List<Object> convert(RowValues row);

    /** Refuses staged rows the database contradicts (with reasons), then merges the rest into the register. */
    void merge(MergeContext ctx);

    /**
     * What a large extract of this kind leaves to do on the tables it loaded, right after its commit and before the
     * listeners' aggregates read them: statistics (autovacuum's analyse comes minutes later; a county's load into a
     * province's tables left the planner with a tenth of the rows, and the baseline's aggregate took 9 s instead of 3),
     * and the visibility map where aggregates read an index only (VACUUM visits only the pages not yet all-visible,
     * i.e. the new rows).
     */
    default List<String> afterBulkLoad() {
        return List.of();
    }

    /** Whether this kind creates files (person rows with {@code created_import}); only the police extract does. */
    default boolean createsFiles() {
        return false;
    }
}
