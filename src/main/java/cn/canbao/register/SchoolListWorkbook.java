package cn.canbao.register;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A school's pupils not yet enrolled, as an Excel sheet for the education office: a title row, a line that the list
 * informs and obliges nobody, Chinese headers, one row per pupil (ID number and phone masked). Cells starting with a
 * formula character are written as text, never evaluated.
 */
final class SchoolListWorkbook {

    static final List<String> HEADERS = List.of("身份证号", "姓名", "学段", "村（社区）", "监护人手机");
    /** The documents forbid compulsion ("不得以任何形式强制或变相强制"): the sheet says what it is for. */
    static final String NOTICE = "本名单仅用于参保政策告知与动员，参保自愿，不得以任何形式强制或变相强制。";

    private SchoolListWorkbook() {
    }

    static void write(String title, List<SchoolRolls.Pupil> pupils, UnaryOperator<String> stageName,
                      UnaryOperator<String> villageName, OutputStream out) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("未参保学生");
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            text(sheet.createRow(0), 0, title, bold);
            text(sheet.createRow(1), 0, NOTICE, null);
            Row header = sheet.createRow(2);
            for (int c = 0; c < HEADERS.size(); c++) {
                text(header, c, HEADERS.get(c), bold);
            }
            int r = 3;
            for (SchoolRolls.Pupil p : pupils) {
                Row row = sheet.createRow(r++);
                text(row, 0, p.maskedId(), null);
                text(row, 1, p.name(), null);
                text(row, 2, p.stage() == null ? "" : stageName.apply(p.stage()), null);
                text(row, 3, villageName.apply(p.villageCode()), null);
                text(row, 4, p.guardianMobile() == null ? "" : p.guardianMobile(), null);
            }
            for (int c = 0; c < HEADERS.size(); c++) {
                sheet.setColumnWidth(c, 20 * 256);
            }
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        var cell = row.createCell(column);
        cell.setCellValue(RejectsCsv.neutralise(value));
        if (style != null) {
            cell.setCellStyle(style);
        }
    }
}
