package cn.canbao.base;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;

/** Writing one styled cell of a generated workbook (target tables, bulletins); a null value leaves it empty. */
public final class ExcelCells {

    private ExcelCells() {}

    public static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = styled(row, column, style);
        if (value != null) {
            cell.setCellValue(value);
        }
    }

    public static void number(Row row, int column, int value, CellStyle style) {
        styled(row, column, style).setCellValue(value);
    }

    public static void decimal(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = styled(row, column, style);
        if (value != null) {
            cell.setCellValue(value.doubleValue());
        }
    }

    private static Cell styled(Row row, int column, CellStyle style) {
        Cell cell = row.createCell(column);
        if (style != null) {
            cell.setCellStyle(style);
        }
        return cell;
    }
}
