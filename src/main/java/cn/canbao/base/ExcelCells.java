package cn.canbao.base;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Writing one styled cell of a generated workbook (target tables, bulletins, tallies, school lists); a null value
 * leaves it empty. Also the cell styles those workbooks share.
 */
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

    /** A new style for a sheet's title: bold, 14 points, centred. */
    public static CellStyle title(Workbook wb) {
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        CellStyle style = wb.createCellStyle();
        style.setFont(big);
        style.setAlignment(HorizontalAlignment.CENTER);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        return style;
    }

    /** A new style in bold type (titles and header rows of the plain lists). */
    public static CellStyle bold(Workbook wb) {
        CellStyle style = wb.createCellStyle();
        Font font = wb.createFont();
        font.setBold(true);
        style.setFont(font);
        return style;
    }

    /** A new style with a thin border on all four sides, vertically centred (the cells of a ruled table). */
    public static CellStyle bordered(Workbook wb, HorizontalAlignment alignment) {
        CellStyle style = wb.createCellStyle();
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        style.setAlignment(alignment);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        return style;
    }

    private static Cell styled(Row row, int column, CellStyle style) {
        Cell cell = row.createCell(column);
        if (style != null) {
            cell.setCellStyle(style);
        }
        return cell;
    }
}
