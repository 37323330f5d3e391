package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import java.util.List;

/**
 * What the clerk sees before an upload is imported (issue 17): the detected format and encoding, the sheets of an
 * XLSX, the header and the first rows as read, and for each column of the layout the header it would read with how
 * sure the match is; the required columns without a header (the import would be refused, naming them).
 */
public record ImportPreview(
        ExtractKind kind,
        String format,
        List<String> sheets,
        int sheet,
        int headerRow,
        List<String> header,
        List<List<String>> sampleRows,
        List<ColumnChoice> columns,
        List<String> missing) {

    /** A column of the layout and the header it reads (null: none), with the match's confidence (0–100). */
    public record ColumnChoice(String key, String chinese, boolean required, String header, int confidence) {}

    /** The mapping the preview shows, as the import would be told it: every column with its header or "" (none). */
    public ColumnMapping mapping() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        columns.forEach(c -> m.put(c.key(), c.header() == null ? "" : c.header()));
        return new ColumnMapping(m);
    }
}
