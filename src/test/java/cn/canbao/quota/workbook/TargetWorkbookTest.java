package cn.canbao.quota.workbook;

import static cn.canbao.quota.workbook.TargetWorkbookException.BAD_TARGET;
import static cn.canbao.quota.workbook.TargetWorkbookException.BLANK_TARGET;
import static cn.canbao.quota.workbook.TargetWorkbookException.DUPLICATE_REGION;
import static cn.canbao.quota.workbook.TargetWorkbookException.MISSING_REGION;
import static cn.canbao.quota.workbook.TargetWorkbookException.NOTE_TOO_LONG;
import static cn.canbao.quota.workbook.TargetWorkbookException.NOT_XLSX;
import static cn.canbao.quota.workbook.TargetWorkbookException.NO_HEADER;
import static cn.canbao.quota.workbook.TargetWorkbookException.UNKNOWN_REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import cn.canbao.quota.workbook.TargetWorkbookException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Target tables through Excel: what is exported comes back, edits are taken, every defect is named. */
class TargetWorkbookTest {

    private static final String TITLE = "桃城镇 · 2026年度扩面目标分解";
    private static final int FIRST_REGION_ROW = 2;

    /** Village codes; the last one with leading zeros, which only a text cell keeps. */
    private static final List<TargetSheetRow> VILLAGES = List.of(
            new TargetSheetRow("350525100201", "桃东村", 1200, 1180, null),
            new TargetSheetRow("350525100202", "桃源社区居民委员会", 860, 900, "新建小区入住"),
            new TargetSheetRow("350525100203", "花石村", 430, 430, null),
            new TargetSheetRow("000525100204", "东关村", 0, 0, null));

    @Test
    void whatIsWrittenIsReadBack() throws IOException {
        byte[] file = write(VILLAGES, 3500);

        assertThat(TargetWorkbook.read(new ByteArrayInputStream(file), VILLAGES))
                .isEqualTo(VILLAGES);
    }

    @Test
    void theSheetHasTitleHeadersCodesAsTextAndSums() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(write(VILLAGES, 3500)))) {
            XSSFSheet sheet = wb.getSheet("目标分解");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(TITLE);
            assertThat(sheet.getMergedRegion(0).formatAsString()).isEqualTo("A1:E1");
            Iterable<Cell> header = sheet.getRow(1);
            assertThat(header).extracting(Cell::getStringCellValue).containsExactly("区划代码", "名称", "建议数", "目标数", "说明");
            assertThat(sheet.getRow(1).getCell(3).getCellStyle().getFillForegroundColor())
                    .isNotEqualTo(sheet.getRow(1).getCell(0).getCellStyle().getFillForegroundColor());
            Row last = sheet.getRow(5);
            assertThat(last.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(last.getCell(0).getStringCellValue()).isEqualTo("000525100204");
            assertThat(last.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(last.getCell(3).getCellStyle().getLocked()).isFalse();
            assertThat(last.getCell(0).getCellStyle().getLocked()).isTrue();
            assertThat(sheet.getProtect()).isTrue();
            Row totals = sheet.getRow(6);
            assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(totals.getCell(2).getCellFormula()).isEqualTo("SUM(C3:C6)");
            assertThat(totals.getCell(3).getCellFormula()).isEqualTo("SUM(D3:D6)");
            assertThat(totals.getCell(3).getNumericCellValue()).isEqualTo(2510);
            Row parent = sheet.getRow(7);
            assertThat(parent.getCell(0).getStringCellValue()).isEqualTo("上级下达目标");
            assertThat(parent.getCell(3).getNumericCellValue()).isEqualTo(3500);
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(sheet.getLastRowNum()).isEqualTo(7);
        }
    }

    @Test
    void withoutParentTargetTheTotalsRowIsLast() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(write(VILLAGES, null)))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(6);
            assertThat(wb.getSheetAt(0).getRow(6).getCell(0).getStringCellValue())
                    .isEqualTo("合计");
        }
    }

    @Test
    void editedTargetsAndNotesAreTakenInWhateverFormTheCellsHoldThem() throws IOException {
        byte[] edited = edit(write(VILLAGES, 3500), sheet -> {
            region(sheet, 0).getCell(3).setCellValue(1250);
            region(sheet, 0).getCell(4).setCellValue("  重点村，外出务工多  ");
            region(sheet, 1).getCell(3).setCellValue("120");
            region(sheet, 1).getCell(4).setCellValue("   ");
            region(sheet, 2).getCell(3).setCellFormula("400+45");
            sheet.getWorkbook()
                    .getCreationHelper()
                    .createFormulaEvaluator()
                    .evaluateFormulaCell(region(sheet, 2).getCell(3));
            // written by a program that does not calculate: no cached result
            region(sheet, 3).removeCell(region(sheet, 3).getCell(3));
            region(sheet, 3).createCell(3).setCellFormula("2*25");
        });

        List<TargetSheetRow> read = TargetWorkbook.read(new ByteArrayInputStream(edited), VILLAGES);

        assertThat(read)
                .containsExactly(
                        new TargetSheetRow("350525100201", "桃东村", 1200, 1250, "重点村，外出务工多"),
                        new TargetSheetRow("350525100202", "桃源社区居民委员会", 860, 120, null),
                        new TargetSheetRow("350525100203", "花石村", 430, 445, null),
                        new TargetSheetRow("000525100204", "东关村", 0, 50, null));
    }

    @Test
    void namesAndProposalsComeFromTheTableNotFromTheFile() throws IOException {
        byte[] edited = edit(write(VILLAGES, null), sheet -> {
            region(sheet, 0).getCell(1).setCellValue("改了名字");
            region(sheet, 0).getCell(2).setCellValue(99999);
        });

        assertThat(TargetWorkbook.read(new ByteArrayInputStream(edited), VILLAGES)
                        .get(0))
                .isEqualTo(VILLAGES.get(0));
    }

    @Test
    void headersAreFoundDespiteSpacesMovedColumnsAndNoTitleOrTotals() throws IOException {
        byte[] file = workbook(wb -> {
            var sheet = wb.createSheet("Sheet1");
            cells(sheet.createRow(3), " 目标数 ", "区划\n代码", "说　明", "名 称");
            cells(sheet.createRow(4), "１２００", " 350525100201 ", "", "桃东村");
            sheet.createRow(5).createCell(0).setCellValue(900.0);
            sheet.getRow(5).createCell(1).setCellValue(350525100202d); // a code Excel made a number
            cells(sheet.createRow(6), "430", "350525100203");
            cells(sheet.createRow(8), "0", "000525100204", "已撤并");
        });

        assertThat(TargetWorkbook.read(new ByteArrayInputStream(file), VILLAGES))
                .extracting(TargetSheetRow::target, TargetSheetRow::note)
                .containsExactly(tuple(1200, null), tuple(900, null), tuple(430, null), tuple(0, "已撤并"));
    }

    @Test
    void everyDefectIsReportedWithItsExcelRow() throws IOException {
        List<TargetSheetRow> table = IntStream.rangeClosed(1, 8)
                .mapToObj(i -> new TargetSheetRow("35052510020" + i, "村" + i, 100, 100, null))
                .toList();
        byte[] edited = edit(write(table, null), sheet -> {
            region(sheet, 0).getCell(3).setCellValue("abc");
            region(sheet, 1).getCell(3).setCellValue(-3);
            region(sheet, 2).getCell(3).setCellValue(12.5);
            region(sheet, 3).getCell(3).setBlank();
            region(sheet, 4).getCell(0).setCellValue("999999999999");
            region(sheet, 5).getCell(0).setCellValue("350525100201");
            region(sheet, 6).getCell(4).setCellValue("说".repeat(201));
            region(sheet, 7).getCell(4).setCellValue("说".repeat(200));
        });

        TargetWorkbookException e = readFailing(edited, table);

        assertThat(e.problems())
                .containsExactly(
                        new Problem(3, BAD_TARGET, 3, "abc"),
                        new Problem(4, BAD_TARGET, 4, "-3"),
                        new Problem(5, BAD_TARGET, 5, "12.5"),
                        new Problem(6, BLANK_TARGET, 6),
                        new Problem(7, UNKNOWN_REGION, 7, "999999999999"),
                        new Problem(8, DUPLICATE_REGION, 8, "350525100201", 3),
                        new Problem(9, NOTE_TOO_LONG, 9, 200),
                        new Problem(0, MISSING_REGION, "350525100205", "村5"),
                        new Problem(0, MISSING_REGION, "350525100206", "村6"));
        assertThat(e.messageKey()).isEqualTo("targets.workbook.invalid");
        assertThat(e.args()[0]).isEqualTo(9);
        assertThat(e.describe(bundle("messages")))
                .startsWith("第 3 行：目标数“abc”无效，应为不小于 0 的整数\n")
                .contains("第 8 行：区划代码 350525100201 重复，第 3 行已有")
                .endsWith("表中缺少 村6（区划代码 350525100206）");
        assertThat(e.render(bundle("messages_en")))
                .startsWith("The imported target table has 9 error(s): Row 3:")
                .contains("Row 6: the target is empty");
    }

    static Stream<byte[]> notWorkbooks() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("kein Arbeitsblatt".getBytes(StandardCharsets.UTF_8));
        }
        return Stream.of(new byte[0], "区划代码,名称,建议数,目标数\n".getBytes(StandardCharsets.UTF_8), zip.toByteArray(), xls());
    }

    @ParameterizedTest
    @MethodSource("notWorkbooks")
    void whatIsNoXlsxIsRefusedAsSuch(byte[] file) {
        assertThat(readFailing(file, VILLAGES).problems()).containsExactly(new Problem(0, NOT_XLSX));
    }

    @Test
    void aSheetWithoutTheHeaderRowIsRefused() throws IOException {
        byte[] file = workbook(wb -> cells(wb.createSheet("名单").createRow(0), "身份证号", "姓名", "目标"));

        assertThat(readFailing(file, VILLAGES).problems()).containsExactly(new Problem(0, NO_HEADER));
        assertThat(readFailing(workbook(wb -> wb.createSheet()), VILLAGES).problems())
                .containsExactly(new Problem(0, NO_HEADER));
    }

    private static byte[] write(List<TargetSheetRow> rows, Integer parentTarget) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TargetWorkbook.write(TITLE, rows, parentTarget, out);
        return out.toByteArray();
    }

    private static Row region(XSSFSheet sheet, int index) {
        return sheet.getRow(FIRST_REGION_ROW + index);
    }

    private static byte[] edit(byte[] file, Consumer<XSSFSheet> change) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            change.accept(wb.getSheetAt(0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] workbook(Consumer<XSSFWorkbook> content) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            content.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] xls() throws IOException {
        try (Workbook wb = new HSSFWorkbook()) {
            cells(wb.createSheet("目标分解").createRow(0), "区划代码", "名称", "建议数", "目标数", "说明");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static void cells(Row row, String... values) {
        for (int c = 0; c < values.length; c++) {
            row.createCell(c).setCellValue(values[c]);
        }
    }

    private static TargetWorkbookException readFailing(byte[] file, List<TargetSheetRow> table) {
        return catchThrowableOfType(
                TargetWorkbookException.class, () -> TargetWorkbook.read(new ByteArrayInputStream(file), table));
    }

    /** Renders as the application does: the bundle's pattern with MessageFormat. */
    private static BiFunction<String, Object[], String> bundle(String name) {
        Properties messages = new Properties();
        try (var in = TargetWorkbookTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return (key, args) -> new MessageFormat(messages.getProperty(key), Locale.ROOT).format(args);
    }
}
