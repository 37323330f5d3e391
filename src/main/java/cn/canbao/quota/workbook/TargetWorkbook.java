package cn.canbao.quota.workbook;

import static cn.canbao.base.ExcelCells.number;
import static cn.canbao.base.ExcelCells.text;

import cn.canbao.base.ExcelCells;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A target table as an Excel workbook: leaders export it, fill in the 目标数 column (and a note if they
 * like) and import it back into the edit form.
 * <p>
 * The sheet's texts are the file format, not UI texts: the import finds its columns by these Chinese
 * headers whatever language the exporting user had chosen.
 */
public final class TargetWorkbook {

    static final String SHEET_NAME = "目标分解";
    static final List<String> HEADERS = List.of("区划代码", "名称", "建议数", "目标数", "说明");
    static final int CODE = 0;
    static final int NAME = 1;
    static final int PROPOSED = 2;
    static final int TARGET = 3;
    static final int NOTE = 4;
    static final String TOTALS = "合计";
    static final String PARENT_TARGET = "上级下达目标";
    static final int NOTE_MAX_LENGTH = 200;

    private static final int TITLE_ROW = 0;
    private static final int HEADER_ROW = 1;

    private TargetWorkbook() {}

    /**
     * Writes the table: a title row, the header row, one row per region, a totals row with SUM formulas
     * and, if there is one, the target the parent region was given. The caller closes {@code out}.
     */
    public static void write(String title, List<TargetSheetRow> rows, Integer parentTarget, OutputStream out) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles styles = new Styles(wb);
            XSSFSheet sheet = wb.createSheet(SHEET_NAME);
            writeTitle(sheet, title, styles);
            writeHeader(sheet, styles);
            int r = HEADER_ROW + 1;
            for (TargetSheetRow row : rows) {
                writeRegion(sheet.createRow(r++), row, styles);
            }
            writeTotals(sheet.createRow(r++), rows.size(), styles);
            if (parentTarget != null) {
                Row parent = sheet.createRow(r);
                text(parent, CODE, PARENT_TARGET, styles.label);
                number(parent, TARGET, parentTarget, styles.total);
            }
            layOut(sheet, rows);
            // Cached results, so that previews which do not calculate (phones, mail) show the sums too.
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            wb.setForceFormulaRecalculation(true);
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an edited table back: the rows of {@code expected} in their order, with the targets and notes
     * of the file. Name and proposed target always come from {@code expected}.
     *
     * @throws TargetWorkbookException listing every problem of the file
     */
    public static List<TargetSheetRow> read(InputStream in, List<TargetSheetRow> expected) {
        return TargetWorkbookReader.read(in, expected);
    }

    private static void writeTitle(XSSFSheet sheet, String title, Styles styles) {
        Row row = sheet.createRow(TITLE_ROW);
        row.setHeightInPoints(28);
        for (int c = 0; c < HEADERS.size(); c++) {
            row.createCell(c).setCellStyle(styles.title);
        }
        row.getCell(0).setCellValue(title);
        sheet.addMergedRegion(new CellRangeAddress(TITLE_ROW, TITLE_ROW, 0, HEADERS.size() - 1));
    }

    private static void writeHeader(XSSFSheet sheet, Styles styles) {
        Row row = sheet.createRow(HEADER_ROW);
        row.setHeightInPoints(20);
        for (int c = 0; c < HEADERS.size(); c++) {
            text(row, c, HEADERS.get(c), c == TARGET ? styles.editableHeader : styles.header);
        }
    }

    private static void writeRegion(Row row, TargetSheetRow region, Styles styles) {
        text(row, CODE, region.regionCode(), styles.code);
        text(row, NAME, region.regionName(), styles.text);
        number(row, PROPOSED, region.proposed(), styles.number);
        number(row, TARGET, region.target(), styles.editableNumber);
        text(row, NOTE, region.note(), styles.editableText);
    }

    private static void writeTotals(Row row, int regions, Styles styles) {
        text(row, CODE, TOTALS, styles.label);
        text(row, NAME, null, styles.label);
        for (int c : new int[] {PROPOSED, TARGET}) {
            Cell cell = row.createCell(c);
            cell.setCellStyle(styles.total);
            if (regions == 0) {
                cell.setCellValue(0);
            } else {
                CellRangeAddress range = new CellRangeAddress(HEADER_ROW + 1, HEADER_ROW + regions, c, c);
                cell.setCellFormula("SUM(" + range.formatAsString() + ")");
            }
        }
        text(row, NOTE, null, styles.label);
    }

    private static void layOut(XSSFSheet sheet, List<TargetSheetRow> rows) {
        int longestName = rows.stream()
                .map(TargetSheetRow::regionName)
                .mapToInt(n -> n == null ? 0 : n.length())
                .max()
                .orElse(0);
        // Widths in 1/256 of a character; a Chinese character takes about two.
        sheet.setColumnWidth(CODE, 16 * 256);
        sheet.setColumnWidth(NAME, Math.min(Math.max(longestName * 2 + 4, 14), 50) * 256);
        sheet.setColumnWidth(PROPOSED, 12 * 256);
        sheet.setColumnWidth(TARGET, 12 * 256);
        sheet.setColumnWidth(NOTE, 40 * 256);
        sheet.createFreezePane(0, HEADER_ROW + 1);
        if (!rows.isEmpty()) {
            acceptWholeNumbersOnly(sheet, rows.size());
        }
        // No password: the protection keeps codes and names from being changed by accident, nothing more.
        sheet.enableLocking();
        sheet.lockFormatColumns(false);
        sheet.lockFormatRows(false);
    }

    private static void acceptWholeNumbersOnly(XSSFSheet sheet, int regions) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        DataValidationConstraint constraint =
                helper.createIntegerConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null);
        DataValidation validation = helper.createValidation(
                constraint, new CellRangeAddressList(HEADER_ROW + 1, HEADER_ROW + regions, TARGET, TARGET));
        validation.setShowErrorBox(true);
        validation.createErrorBox("目标数", "请填写不小于 0 的整数");
        sheet.addValidationData(validation);
    }

    /** The few cell styles of the sheet; a workbook allows only so many, so they are shared. */
    private static final class Styles {

        final CellStyle title;
        final CellStyle header;
        final CellStyle editableHeader;
        final CellStyle code;
        final CellStyle text;
        final CellStyle number;
        final CellStyle editableNumber;
        final CellStyle editableText;
        final CellStyle label;
        final CellStyle total;

        Styles(XSSFWorkbook wb) {
            XSSFFont bold = wb.createFont();
            bold.setBold(true);
            short textFormat = wb.createDataFormat().getFormat("@");
            short numberFormat = wb.createDataFormat().getFormat("#,##0");

            title = ExcelCells.title(wb);
            header = ExcelCells.bordered(wb, HorizontalAlignment.CENTER);
            header.setFont(bold);
            filled(header, IndexedColors.GREY_25_PERCENT);
            editableHeader = wb.createCellStyle();
            editableHeader.cloneStyleFrom(header);
            filled(editableHeader, IndexedColors.LIGHT_ORANGE);
            code = ExcelCells.bordered(wb, HorizontalAlignment.LEFT);
            code.setDataFormat(textFormat);
            text = ExcelCells.bordered(wb, HorizontalAlignment.LEFT);
            number = ExcelCells.bordered(wb, HorizontalAlignment.RIGHT);
            number.setDataFormat(numberFormat);
            editableNumber = unlocked(wb, number);
            filled(editableNumber, IndexedColors.LIGHT_YELLOW);
            editableText = unlocked(wb, text);
            editableText.setWrapText(true);
            label = ExcelCells.bordered(wb, HorizontalAlignment.LEFT);
            label.setFont(bold);
            total = ExcelCells.bordered(wb, HorizontalAlignment.RIGHT);
            total.setFont(bold);
            total.setDataFormat(numberFormat);
        }

        /** The cells leaders may change in the protected sheet: targets (tinted) and notes. */
        private static CellStyle unlocked(XSSFWorkbook wb, CellStyle base) {
            CellStyle style = wb.createCellStyle();
            style.cloneStyleFrom(base);
            style.setLocked(false);
            return style;
        }

        private static void filled(CellStyle style, IndexedColors color) {
            style.setFillForegroundColor(color.getIndex());
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
    }
}
