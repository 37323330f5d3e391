package cn.canbao.register;

/**
 * How an upload is read and mapped, as the clerk set it in the preview (issue 17): the CSV's encoding (null: detected
 * over the whole file), the XLSX sheet (0: the first) and header row (1: the first non-blank row), the column mapping,
 * and whether it is a dry run (everything done, then rolled back; only the counts stay).
 */
public record ImportOptions(String encoding, int sheet, int headerRow, ColumnMapping mapping, boolean dryRun) {

    public static final ImportOptions DEFAULT = new ImportOptions(null, 0, 1, ColumnMapping.none(), false);

    public ImportOptions {
        mapping = mapping == null ? ColumnMapping.none() : mapping;
        headerRow = headerRow < 1 ? 1 : headerRow;
        sheet = Math.max(0, sheet);
    }

    public ImportOptions asDryRun() {
        return new ImportOptions(encoding, sheet, headerRow, mapping, true);
    }
}
