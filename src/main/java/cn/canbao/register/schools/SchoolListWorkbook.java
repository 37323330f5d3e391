package cn.canbao.register.schools;

import cn.canbao.base.ExcelCells;
import cn.canbao.register.imports.RejectsCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A school's pupils not yet enrolled, as an Excel sheet for the education office: a title row, a line that the list
 * informs and obliges nobody, headers, one row per pupil (ID number and phone masked), in the language of the user who
 * downloads it (like its title and the stages). Cells starting with a formula character are written as text, never
 * evaluated.
 */
public final class SchoolListWorkbook {

    /** The headers' message keys. */
    static final List<String> HEADERS = List.of(
            "schools.xlsx.idNumber",
            "schools.xlsx.name",
            "schools.xlsx.stage",
            "schools.xlsx.village",
            "schools.xlsx.guardian");
    /** The documents forbid compulsion ("不得以任何形式强制或变相强制"): the sheet says what it is for. */
    static final String NOTICE = "schools.xlsx.notice";

    private SchoolListWorkbook() {}

    /** {@code words} gives a message key's text in the reader's language. */
    public static void write(
            String title,
            List<SchoolRolls.Pupil> pupils,
            UnaryOperator<String> stageName,
            UnaryOperator<String> villageName,
            UnaryOperator<String> words,
            OutputStream out) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet(words.apply("schools.xlsx.sheet"));
            CellStyle bold = ExcelCells.bold(wb);
            text(sheet.createRow(0), 0, title, bold);
            text(sheet.createRow(1), 0, words.apply(NOTICE), null);
            Row header = sheet.createRow(2);
            for (int c = 0; c < HEADERS.size(); c++) {
                text(header, c, words.apply(HEADERS.get(c)), bold);
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
