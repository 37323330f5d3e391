package cn.canbao.register;

import cn.canbao.register.imports.ColumnMapping;

/**
 * How an upload is read and mapped, as the clerk set it in the preview (issue 17): the CSV's encoding (null: detected
 * over the whole file), the XLSX sheet (0: the first) and header row (1: the first non-blank row), the column mapping,
 * whether it is a dry run (everything done, then rolled back; only the counts stay), and for a police list the day it
 * is a snapshot of.
 */
public record ImportOptions(
        String encoding,
        int sheet,
        int headerRow,
        ColumnMapping mapping,
        boolean dryRun,
        java.time.LocalDate snapshotAsOf) {

    public static final ImportOptions DEFAULT = new ImportOptions(null, 0, 1, ColumnMapping.none(), false);

    public ImportOptions(String encoding, int sheet, int headerRow, ColumnMapping mapping, boolean dryRun) {
        this(encoding, sheet, headerRow, mapping, dryRun, null);
    }

    public ImportOptions {
        mapping = mapping == null ? ColumnMapping.none() : mapping;
        headerRow = headerRow < 1 ? 1 : headerRow;
        sheet = Math.max(0, sheet);
    }

    public ImportOptions asDryRun() {
        return new ImportOptions(encoding, sheet, headerRow, mapping, true, snapshotAsOf);
    }

    /**
     * A police extract that is the full list as of a day, not change events (issue 17, point 4): 变动类型 and 变动日期 may
     * be absent (everyone listed is registered that day); who the register holds in the listed villages but the list
     * does not is reported as a candidate move-out, never changed.
     */
    public ImportOptions asSnapshotOf(java.time.LocalDate asOf) {
        return new ImportOptions(encoding, sheet, headerRow, mapping, dryRun, asOf);
    }
}
