package cn.canbao.outreach.tally;

import static cn.canbao.base.ExcelCells.decimal;
import static cn.canbao.base.ExcelCells.number;
import static cn.canbao.base.ExcelCells.text;

import cn.canbao.base.ExcelCells;
import cn.canbao.base.StoredMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The month's tally as an Excel sheet: a title row, headers in the reader's language, one row per grid worker. */
public final class WorkTallyWorkbook {

    /** The headers' message keys. */
    static final List<String> HEADERS = List.of(
            "outreach.tally.grid",
            "outreach.tally.xlsx.gridCode",
            "outreach.tally.worker",
            "outreach.tally.xlsx.username",
            "outreach.tally.visits",
            "outreach.tally.xlsx.enrolled",
            "outreach.tally.corrections",
            "outreach.tally.tier",
            "outreach.tally.reward");

    private WorkTallyWorkbook() {}

    /** {@code words} gives a message key's text in the reader's language. */
    public static void write(String title, List<WorkTally> rows, UnaryOperator<String> words, OutputStream out) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet(words.apply("outreach.tally.xlsx.sheet"));
            CellStyle bold = ExcelCells.bold(wb);
            text(sheet.createRow(0), 0, title, bold);
            Row header = sheet.createRow(1);
            for (int c = 0; c < HEADERS.size(); c++) {
                text(header, c, words.apply(HEADERS.get(c)), bold);
            }
            int r = 2;
            for (WorkTally t : rows) {
                Row row = sheet.createRow(r++);
                text(row, 0, t.gridName(), null);
                text(row, 1, t.gridCode(), null);
                text(row, 2, t.displayName(), null);
                text(row, 3, t.username(), null);
                number(row, 4, t.visits(), null);
                number(row, 5, t.enrolledAfterVisit(), null);
                number(row, 6, t.correctionsConfirmed(), null);
                String tier = StoredMessage.parse(t.tier())
                        .map(m -> words.apply(m.messageKey()))
                        .orElse(t.tier());
                text(row, 7, tier, null);
                decimal(row, 8, t.reward(), null);
            }
            for (int c = 0; c < HEADERS.size(); c++) {
                sheet.setColumnWidth(c, c < 4 ? 18 * 256 : 14 * 256);
            }
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
