package cn.canbao.register.extract;

import java.util.List;

/**
 * One data row: its 1-based row number in the file (the header is row 1; for CSV the physical line
 * where the row starts), its cells by column position (trimmed; never null, "" for empty), and
 * problem == null, or a message key when the row itself is malformed.
 */
public record ExtractRow(long number, List<String> cells, String problem) {

    public ExtractRow {
        cells = List.copyOf(cells);
    }
}
