package cn.canbao.quota.workbook;

import static cn.canbao.quota.workbook.TargetWorkbook.CODE;
import static cn.canbao.quota.workbook.TargetWorkbook.HEADERS;
import static cn.canbao.quota.workbook.TargetWorkbook.NAME;
import static cn.canbao.quota.workbook.TargetWorkbook.NOTE;
import static cn.canbao.quota.workbook.TargetWorkbook.NOTE_MAX_LENGTH;
import static cn.canbao.quota.workbook.TargetWorkbook.TARGET;

import cn.canbao.quota.workbook.TargetWorkbookException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads an edited target table back and checks it against the table being edited. The columns are found
 * by their headers, so a title row above them, moved columns or stray spaces do not matter.
 */
final class TargetWorkbookReader {

    /** How far down the header row may be; the exported file has it in row 2. */
    private static final int HEADER_SEARCH_ROWS = 20;

    private final Map<String, TargetSheetRow> expected = new LinkedHashMap<>();
    private final Map<String, Integer> seenInRow = new HashMap<>();
    private final Map<String, TargetSheetRow> read = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private Map<Integer, Integer> columns;

    private TargetWorkbookReader(List<TargetSheetRow> expected) {
        expected.forEach(row -> this.expected.put(SheetCells.compact(row.regionCode()), row));
    }

    static List<TargetSheetRow> read(InputStream in, List<TargetSheetRow> expected) {
        TargetWorkbookReader reader = new TargetWorkbookReader(expected);
        XSSFWorkbook wb = open(in);
        try {
            reader.readSheet(wb);
        } finally {
            // Read only: revert() releases the package without the attempt to save that close() makes.
            wb.getPackage().revert();
        }
        return reader.result();
    }

    private static XSSFWorkbook open(InputStream in) {
        try {
            return new XSSFWorkbook(in, false);
        } catch (IOException | RuntimeException e) {
            // POI refuses an .xls, a zip that is no workbook or plain garbage with assorted exceptions.
            TargetWorkbookException notXlsx = TargetWorkbookException.of(TargetWorkbookException.NOT_XLSX);
            notXlsx.initCause(e);
            throw notXlsx;
        }
    }

    private void readSheet(XSSFWorkbook wb) {
        Sheet sheet = wb.getNumberOfSheets() == 0 ? null : wb.getSheetAt(0);
        Row header = sheet == null ? null : findHeader(sheet);
        if (header == null) {
            throw TargetWorkbookException.of(TargetWorkbookException.NO_HEADER);
        }
        for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            if (isEndOfRegions(row)) {
                break;
            }
            readRegion(row);
        }
    }

    /** The header row needs the code and the target column; name, proposed and note are optional. */
    private Row findHeader(Sheet sheet) {
        int last = Math.min(sheet.getLastRowNum(), sheet.getFirstRowNum() + HEADER_SEARCH_ROWS);
        for (int r = Math.max(sheet.getFirstRowNum(), 0); r <= last; r++) {
            Row row = sheet.getRow(r);
            Map<Integer, Integer> found = row == null ? Map.of() : headerColumns(row);
            if (found.containsKey(CODE) && found.containsKey(TARGET)) {
                columns = found;
                return row;
            }
        }
        return null;
    }

    /** Column of the file for each of {@link TargetWorkbook#HEADERS}, by position in that list. */
    private static Map<Integer, Integer> headerColumns(Row row) {
        Map<Integer, Integer> found = new HashMap<>();
        for (Cell cell : row) {
            int which = HEADERS.indexOf(SheetCells.compact(SheetCells.text(cell)));
            if (which >= 0) {
                found.putIfAbsent(which, cell.getColumnIndex());
            }
        }
        return found;
    }

    /** The totals row ends the regions; the parent's target below it is ours, not the leader's. */
    private boolean isEndOfRegions(Row row) {
        for (int field : new int[] {CODE, NAME}) {
            String text = SheetCells.compact(SheetCells.text(cell(row, field)));
            if (TargetWorkbook.TOTALS.equals(text) || TargetWorkbook.PARENT_TARGET.equals(text)) {
                return true;
            }
        }
        return false;
    }

    private void readRegion(Row row) {
        String code = SheetCells.compact(SheetCells.text(cell(row, CODE)));
        int excelRow = row.getRowNum() + 1;
        if (code.isEmpty()) {
            return; // an empty row; a region whose code was deleted is reported as missing
        }
        TargetSheetRow region = expected.get(code);
        Integer firstRow = seenInRow.putIfAbsent(code, excelRow);
        if (region == null) {
            problems.add(new Problem(excelRow, TargetWorkbookException.UNKNOWN_REGION, excelRow, code));
        } else if (firstRow != null) {
            problems.add(new Problem(excelRow, TargetWorkbookException.DUPLICATE_REGION, excelRow, code, firstRow));
        } else {
            Optional<Integer> target = target(cell(row, TARGET), excelRow);
            String note = note(cell(row, NOTE), excelRow);
            target.ifPresent(t -> read.put(
                    code, new TargetSheetRow(region.regionCode(), region.regionName(), region.proposed(), t, note)));
        }
    }

    private Optional<Integer> target(Cell cell, int excelRow) {
        SheetCells.WholeNumber value = SheetCells.wholeNumber(cell);
        if (value.blank()) {
            problems.add(new Problem(excelRow, TargetWorkbookException.BLANK_TARGET, excelRow));
        } else if (value.number() == null) {
            problems.add(new Problem(excelRow, TargetWorkbookException.BAD_TARGET, excelRow, value.shown()));
        }
        return Optional.ofNullable(value.number());
    }

    private String note(Cell cell, int excelRow) {
        String note = SheetCells.text(cell).strip();
        if (note.codePointCount(0, note.length()) > NOTE_MAX_LENGTH) {
            problems.add(new Problem(excelRow, TargetWorkbookException.NOTE_TOO_LONG, excelRow, NOTE_MAX_LENGTH));
        }
        return note.isEmpty() ? null : note;
    }

    private List<TargetSheetRow> result() {
        expected.forEach((code, region) -> {
            if (!seenInRow.containsKey(code)) {
                problems.add(new Problem(
                        Problem.WHOLE_FILE,
                        TargetWorkbookException.MISSING_REGION,
                        region.regionCode(),
                        region.regionName()));
            }
        });
        if (!problems.isEmpty()) {
            throw new TargetWorkbookException(problems);
        }
        return expected.keySet().stream().map(read::get).toList();
    }

    private Cell cell(Row row, int field) {
        Integer column = columns.get(field);
        return column == null ? null : row.getCell(column);
    }
}
