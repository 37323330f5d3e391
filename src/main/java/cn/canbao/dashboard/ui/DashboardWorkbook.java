package cn.canbao.dashboard.ui;

import static cn.canbao.base.ExcelCells.decimal;
import static cn.canbao.base.ExcelCells.number;
import static cn.canbao.base.ExcelCells.text;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** One chart's data as an Excel sheet: a title row, the headers, one row per data point (numbers as numbers). */
final class DashboardWorkbook {

    /** A chart's data: sheet name, title, column headers and rows of text, whole numbers or decimals. */
    record Sheet(String name, String title, List<String> headers, List<List<Object>> rows) {}

    private DashboardWorkbook() {}

    static void write(Sheet data, OutputStream out) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet(data.name());
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            text(sheet.createRow(0), 0, data.title(), bold);
            Row header = sheet.createRow(1);
            for (int c = 0; c < data.headers().size(); c++) {
                text(header, c, data.headers().get(c), bold);
                sheet.setColumnWidth(c, (c == 0 ? 20 : 14) * 256);
            }
            int r = 2;
            for (List<Object> values : data.rows()) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    if (v instanceof Integer i) {
                        number(row, c, i, null);
                    } else if (v instanceof BigDecimal d) {
                        decimal(row, c, d, null);
                    } else {
                        text(row, c, v == null ? null : v.toString(), null);
                    }
                }
            }
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
