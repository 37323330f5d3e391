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
     * The register tables a large extract of this kind loads in bulk: analysed right after its commit, before the
     * listeners' aggregates read them (autovacuum's analyse comes minutes later; a county's load into a province's
     * tables left the planner with a tenth of the rows, and the baseline's aggregate took 9 s instead of 3).
     */
    default List<String> bulkTables() {
        return List.of();
    }
}
