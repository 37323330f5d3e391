package cn.canbao.register.extract;

import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns POI's cell events into header and rows: a cell goes to the column its reference names, so
 * cells POI skips (empty ones) become "", and rows are padded to the header's length.
 */
final class XlsxRows implements SheetContentsHandler {

    private final ExtractHandler handler;
    private final List<String> cells = new ArrayList<>();
    private int headerSize = -1;

    XlsxRows(ExtractHandler handler) {
        this.handler = handler;
    }

    boolean headerSeen() {
        return headerSize >= 0;
    }

    @Override
    public void startRow(int rowNum) {
        cells.clear();
    }

    @Override
    public void cell(String cellReference, String formattedValue, XSSFComment comment) {
        int column = cellReference == null ? cells.size() : columnOf(cellReference);
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
        }
        return column - 1;
    }
}
