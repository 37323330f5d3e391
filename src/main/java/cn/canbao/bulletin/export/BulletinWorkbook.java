package cn.canbao.bulletin.export;

import static cn.canbao.base.ExcelCells.decimal;
import static cn.canbao.base.ExcelCells.number;
import static cn.canbao.base.ExcelCells.text;

import cn.canbao.base.ExcelCells;
import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinBand;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.quota.GroupCoverage;
import cn.canbao.register.person.PersonGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A bulletin as an Excel workbook: one sheet, a title row, Chinese headers, one row per township in
 * rank order, the band as the fill of its cell. The texts are the file's, in Chinese, like the PDF's: the official
 * bulletin in another form, not a screen (see {@link BulletinPdf}).
 */
final class BulletinWorkbook {

    static final String SHEET_NAME = "通报";
    static final List<String> HEADERS = List.of(
            "排名",
            "乡镇",
            "区划代码",
            "目标数",
            "已参保",
            "完成率%",
            "上期完成率%",
            "较上期（百分点）",
            "参保率%",
            "时序进度%",
            "应报",
            "按时",
            "迟报",
            "未报",
            "色标",
            "落后",
            "约谈整改");
    static final int BAND = 14;
    static final List<String> GROUP_HEADERS = List.of("地区", "区划代码", "在册人数", "已参保", "参保率%", "距100%差");

    private BulletinWorkbook() {}

    /** Writes the workbook; the caller closes {@code out}. */
    static void write(Bulletin b, List<BulletinRow> rows, List<GroupCoverage> groups, OutputStream out) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet(SHEET_NAME);
            Styles styles = new Styles(wb);
            Row title = sheet.createRow(0);
            title.setHeightInPoints(26);
            Cell t = title.createCell(0);
            t.setCellValue(b.title() + "（截至" + b.periodEnd() + (b.published() ? "）" : "，草稿）"));
            t.setCellStyle(styles.title);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.size() - 1));
            Row header = sheet.createRow(1);
            for (int c = 0; c < HEADERS.size(); c++) {
                text(header, c, HEADERS.get(c), styles.header);
            }
            int r = 2;
            for (BulletinRow row : rows) {
                write(sheet.createRow(r++), row, styles);
            }
            for (PersonGroup group : List.of(PersonGroup.NEWBORN, PersonGroup.HARDSHIP)) {
                r = writeGroup(
                        sheet,
                        r + 1,
                        group,
                        groups.stream().filter(g -> g.group() == group).toList(),
                        styles);
            }
            if (b.remarks() != null) {
                Row remarks = sheet.createRow(r + 1);
                text(remarks, 0, "县领导意见：" + b.remarks(), null);
            }
            sheet.setColumnWidth(1, 14 * 256);
            sheet.setColumnWidth(2, 15 * 256);
            for (int c = 3; c < HEADERS.size(); c++) {
                sheet.setColumnWidth(c, 11 * 256);
            }
            sheet.createFreezePane(2, 2);
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 100% target group below the ranking: its title, headers and one row per region; returns the next row. */
    private static int writeGroup(XSSFSheet sheet, int r, PersonGroup group, List<GroupCoverage> rows, Styles s) {
        if (rows.isEmpty()) {
            return r;
        }
        text(sheet.createRow(r++), 0, BulletinPdf.groupTitle(group), null);
        Row header = sheet.createRow(r++);
        for (int c = 0; c < GROUP_HEADERS.size(); c++) {
            text(header, c, GROUP_HEADERS.get(c), s.header);
        }
        for (GroupCoverage g : rows) {
            Row row = sheet.createRow(r++);
            text(row, 0, g.regionName(), s.text);
            text(row, 1, g.regionCode(), s.text);
            number(row, 2, g.registered(), s.integer);
            number(row, 3, g.enrolled(), s.integer);
            decimal(row, 4, g.coverageRate(), s.decimal);
            number(row, 5, g.remaining(), s.integer);
        }
        return r;
    }

    private static void write(Row row, BulletinRow r, Styles s) {
        number(row, 0, r.rank(), s.integer);
        text(row, 1, r.townshipName(), s.text);
        text(row, 2, r.townshipCode(), s.text);
        number(row, 3, r.target(), s.integer);
        number(row, 4, r.enrolled(), s.integer);
        decimal(row, 5, r.completion(), s.decimal);
        decimal(row, 6, r.previousCompletion(), s.decimal);
        decimal(row, 7, r.change(), s.decimal);
        decimal(row, 8, r.coverageRate(), s.decimal);
        decimal(row, 9, r.expectedCompletion(), s.decimal);
        number(row, 10, r.reportsDue(), s.integer);
        number(row, 11, r.reportsOnTime(), s.integer);
        number(row, 12, r.reportsLate(), s.integer);
        number(row, 13, r.reportsMissing(), s.integer);
        text(row, BAND, BulletinPdf.bandName(r.band()), s.bands.get(r.band()));
        text(row, 15, r.lagging() ? "是" : "", s.text);
        text(row, 16, r.escalationCaseId() != null ? "约谈整改" : "", s.text);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle text;
        final CellStyle integer;
        final CellStyle decimal;
        final Map<BulletinBand, CellStyle> bands = new EnumMap<>(BulletinBand.class);

        Styles(XSSFWorkbook wb) {
            XSSFFont bold = wb.createFont();
            bold.setBold(true);
            title = ExcelCells.title(wb);
            header = ExcelCells.bordered(wb, HorizontalAlignment.CENTER);
            header.setFont(bold);
            header.setWrapText(true);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            text = ExcelCells.bordered(wb, HorizontalAlignment.LEFT);
            integer = ExcelCells.bordered(wb, HorizontalAlignment.RIGHT);
            integer.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            decimal = ExcelCells.bordered(wb, HorizontalAlignment.RIGHT);
            decimal.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            for (BulletinBand band : BulletinBand.values()) {
                XSSFCellStyle style = (XSSFCellStyle) ExcelCells.bordered(wb, HorizontalAlignment.CENTER);
                style.setFillForegroundColor(new XSSFColor(java.awt.Color.decode(band.color()), null));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                bands.put(band, style);
            }
        }
    }
}
