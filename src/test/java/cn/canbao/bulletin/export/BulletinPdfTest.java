package cn.canbao.bulletin.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinBand;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.bulletin.BulletinStatus;
import cn.canbao.quota.GroupCoverage;
import cn.canbao.register.person.PersonGroup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The PDF bulletin renders Chinese text (extracted back with PDFBox) on A4 pages; the workbook carries the bands. */
class BulletinPdfTest {

    static final Bulletin BULLETIN = new Bulletin(
            7,
            3,
            "2049年度全民参保扩面行动",
            "350525000000",
            "永春县",
            4,
            LocalDate.of(2048, 10, 31),
            BulletinStatus.PUBLISHED,
            "桂洋镇进度落后，请于三日内提交整改措施。",
            null,
            Instant.now(),
            Instant.now(),
            "county.leader");

    static List<BulletinRow> rows(int count) {
        List<BulletinRow> rows = new ArrayList<>();
        rows.add(row(1, "350525105000", "吾峰镇", 4, 3, "75.00", "50.00", BulletinBand.GREEN, false, null));
        rows.add(row(2, "350525101000", "桃城镇", 10, 4, "40.00", "45.00", BulletinBand.YELLOW, false, null));
        rows.add(row(3, "350525109000", "桂洋镇", 4, 1, "25.00", null, BulletinBand.RED, true, 12L));
        for (int i = rows.size(); i < count; i++) {
            rows.add(row(
                    i + 1,
                    "3505251" + (10 + i) + "000",
                    "测试乡" + i,
                    5,
                    0,
                    "0.00",
                    "0.00",
                    BulletinBand.RED,
                    false,
                    null));
        }
        return rows;
    }

    /** The 100% groups of the county and two townships: newborns 10/8 in the county, hardship 5/5. */
    static List<GroupCoverage> groups() {
        return List.of(
                new GroupCoverage("350525000000", "永春县", PersonGroup.NEWBORN, 2049, 10, 8),
                new GroupCoverage("350525101000", "桃城镇", PersonGroup.NEWBORN, 2049, 7, 6),
                new GroupCoverage("350525105000", "吾峰镇", PersonGroup.NEWBORN, 2049, 3, 2),
                new GroupCoverage("350525000000", "永春县", PersonGroup.HARDSHIP, 2049, 5, 5),
                new GroupCoverage("350525101000", "桃城镇", PersonGroup.HARDSHIP, 2049, 5, 5),
                new GroupCoverage("350525105000", "吾峰镇", PersonGroup.HARDSHIP, 2049, 0, 0));
    }

    private static BulletinRow row(
            int rank,
            String code,
            String name,
            int target,
            int enrolled,
            String completion,
            String previous,
            BulletinBand band,
            boolean lagging,
            Long caseId) {
        return new BulletinRow(
                7,
                code,
                name,
                rank,
                target,
                enrolled,
                new BigDecimal(completion),
                previous == null ? null : new BigDecimal(previous),
                new BigDecimal("91.30"),
                new BigDecimal("50.00"),
                6,
                1,
                2,
                band,
                lagging,
                lagging ? "低于时序进度" : null,
                caseId);
    }

    @Test
    void thePdfCarriesTheChineseTextsOnA4() throws Exception {
        Path font = font();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BulletinPdf.write(BULLETIN, rows(22), groups(), font, out);
        // kept for a look at the layout (target/ is not committed)
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.write(Path.of("target", "bulletin-sample.pdf"), out.toByteArray());

        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text)
                    .contains(
                            "永春县 · 2049年度全民参保扩面行动 · 第4期通报",
                            "截至2048年10月31日",
                            "时序进度 50.00%",
                            "县领导意见：桂洋镇进度落后",
                            "吾峰镇",
                            "桃城镇",
                            "桂洋镇",
                            "测试乡21",
                            "排名",
                            "完成率%",
                            "75.00",
                            "▲25.00",
                            "▼5.00",
                            "落后·约谈整改",
                            "新生儿（目标100%）",
                            "困难群体（目标100%）",
                            "距100%差",
                            "80.00",
                            "85.71",
                            "第 1 页 / 共 1 页");
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            for (PDPage page : pdf.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
                assertThat(page.getMediaBox().getHeight()).isEqualTo(PDRectangle.A4.getHeight());
                for (var name : page.getResources().getFontNames()) {
                    PDFont f = page.getResources().getFont(name);
                    assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                }
            }
        }
    }

    @Test
    void aLongBulletinBreaksOntoNumberedPagesWithTheHeaderRepeated() throws Exception {
        Path font = font();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BulletinPdf.write(BULLETIN, rows(60), List.of(), font, out);
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(stripper.getText(pdf)).contains("排名", "测试乡59", "第 2 页 / 共 2 页");
        }
    }

    @Test
    void theWorkbookHasChineseHeadersAndTheBandAsFill() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BulletinWorkbook.write(BULLETIN, rows(3), groups(), out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = wb.getSheet("通报");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("永春县 · 2049年度全民参保扩面行动 · 第4期通报");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("排名");
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("吾峰镇");
            assertThat(sheet.getRow(2).getCell(5).getNumericCellValue()).isEqualTo(75.0);
            assertThat(sheet.getRow(2).getCell(7).getNumericCellValue()).isEqualTo(25.0);
            XSSFCellStyle red = sheet.getRow(4).getCell(BulletinWorkbook.BAND).getCellStyle();
            assertThat(sheet.getRow(4).getCell(BulletinWorkbook.BAND).getStringCellValue())
                    .isEqualTo("红");
            assertThat(red.getFillForegroundXSSFColor().getARGBHex()).endsWith("FFC7CE");
            assertThat(sheet.getRow(4).getCell(16).getStringCellValue()).isEqualTo("约谈整改");
            // below the ranking, after an empty row: each 100% group with its header and regions
            assertThat(sheet.getRow(6).getCell(0).getStringCellValue()).isEqualTo("新生儿（目标100%）");
            assertThat(sheet.getRow(7).getCell(5).getStringCellValue()).isEqualTo("距100%差");
            assertThat(sheet.getRow(8).getCell(0).getStringCellValue()).isEqualTo("永春县");
            assertThat(sheet.getRow(8).getCell(4).getNumericCellValue()).isEqualTo(80.0);
            assertThat(sheet.getRow(8).getCell(5).getNumericCellValue()).isEqualTo(2.0);
            assertThat(sheet.getRow(12).getCell(0).getStringCellValue()).isEqualTo("困难群体（目标100%）");
            assertThat(sheet.getRow(16).getCell(1).getStringCellValue()).isEqualTo("350525105000");
            assertThat(sheet.getRow(16).getCell(4).getNumericCellValue()).isEqualTo(100.0);
        }
    }

    /** CI installs fonts-wqy-microhei (.ci/run), so this skips only on a machine without any CJK font. */
    private static Path font() {
        var found = cn.canbao.base.pdf.PdfFonts.firstDefault();
        assumeThat(found).as("a CJK font (fonts-wqy-microhei)").isPresent();
        return found.get();
    }
}
