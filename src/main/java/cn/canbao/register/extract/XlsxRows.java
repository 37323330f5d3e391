package cn.canbao.register.extract;

import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;

/**
 * Turns POI's cell events into header and rows: a cell goes to the column its reference names, so
 * cells POI skips (empty ones) become "", and rows are padded to the header's length.
 */
final class XlsxRows implements SheetContentsHandler {

    /**
     * A sheet wider than this is not an extract (ours have at most 30 columns; Excel allows 16,384): a hostile or broken
     * sheet with a cell far to the right would make every row that wide in memory (issue 17, point 7).
     */
    static final int MAX_COLUMNS = 256;
    /** Excel's own limit of rows: a sheet claiming more is not one Excel wrote. */
    static final int MAX_ROWS = 1_048_576;
    /** Excel's own limit of characters in a cell. */
    static final int MAX_CELL_CHARS = 32_767;

    private final ExtractHandler handler;
    private final String fileName;
    private final List<String> cells = new ArrayList<>();
    private int headerSize = -1;

    XlsxRows(ExtractHandler handler, String fileName) {
        this.handler = handler;
        this.fileName = fileName;
    }

    boolean headerSeen() {
        return headerSize >= 0;
    }

    @Override
    public void startRow(int rowNum) {
        if (rowNum >= MAX_ROWS) {
            throw new ExtractFileException("extract.file.tooManyRows", fileName, MAX_ROWS);
        }
        cells.clear();
    }

    @Override
    public void cell(String cellReference, String formattedValue, XSSFComment comment) {
        int column = cellReference == null ? cells.size() : columnOf(cellReference);
        if (column >= MAX_COLUMNS || column < 0) {
            throw new ExtractFileException("extract.file.tooManyColumns", fileName, cellReference, MAX_COLUMNS);
        }
        if (formattedValue != null && formattedValue.length() > MAX_CELL_CHARS) {
            throw new ExtractFileException("extract.file.cellTooLong", fileName, cellReference, MAX_CELL_CHARS);
        }
        while (cells.size() < column) {
            cells.add("");
        }
        String value = formattedValue == null ? "" : formattedValue.strip();
        if (column < cells.size()) {
            cells.set(column, value);
        } else {
            cells.add(value);
        }
    }

    @Override
    public void endRow(int rowNum) {
        if (cells.stream().allMatch(String::isEmpty)) {
            return;
        }
        if (!headerSeen()) {
            headerSize = cells.size();
            handler.header(List.copyOf(cells));
            return;
        }
        while (cells.size() < headerSize) {
            cells.add("");
        }
        handler.row(new ExtractRow(rowNum + 1L, cells, null));
    }

    /** The 0-based column of a cell reference such as "AB12". */
    static int columnOf(String cellReference) {
        int column = 0;
        for (int i = 0; i < cellReference.length(); i++) {
            char c = Character.toUpperCase(cellReference.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
            if (column > MAX_COLUMNS * 26) {
                return Integer.MAX_VALUE; // far beyond any extract: no need to count on
            }
        }
        return column - 1;
    }
}
