package cn.canbao.register.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XLSX extracts: the first sheet, cells at their columns, numbers plain, dates as yyyy-MM-dd. */
class ExtractReaderXlsxTest {

    @TempDir
    Path dir;

    /** Strings inline (SXSSF's default) or in the shared strings table (as Excel writes them). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cellsComeOutAtTheirColumnsAsPlainText(boolean sharedStrings) throws Exception {
        Path file = dir.resolve("名单.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, false, sharedStrings);
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle isoDate = workbook.createCellStyle();
            isoDate.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle shortDate = workbook.createCellStyle();
            shortDate.setDataFormat((short) 14);
            Sheet sheet = workbook.createSheet("名单");
            texts(sheet.createRow(0), "身份证号", "姓名", "出生日期", "住址", "缴费金额");
            Row first = sheet.createRow(1);
            // as Excel keeps an ID number typed into a General cell: 15 significant digits
            first.createCell(0).setCellValue(350525199001011000d);
            first.createCell(1).setCellValue(" 张三 ");
            first.createCell(2).setCellValue(LocalDate.of(1990, 1, 1));
            first.getCell(2).setCellStyle(isoDate);
            first.createCell(3).setCellValue("永春县桃城镇");
            first.createCell(4).setCellValue(400.0);
            texts(sheet.createRow(2), "", " ");
            Row gap = sheet.createRow(3);
            gap.createCell(0).setCellValue("35052519850312003X");
            gap.createCell(1).setCellValue("李四");
            gap.createCell(3).setCellValue("桃东村");
            Row numbers = sheet.createRow(4);
            numbers.createCell(0).setCellValue(350525199001011200d);
            numbers.createCell(2).setCellValue(LocalDate.of(2025, 3, 1));
            numbers.getCell(2).setCellStyle(shortDate);
            numbers.createCell(4).setCellValue(12.5);
            workbook.createSheet("其他").createRow(0).createCell(0).setCellValue("not read");
            workbook.write(out);
        }

        RecordedExtract read = RecordedExtract.read(file);

        assertThat(read.format()).isEqualTo(ExtractFormat.XLSX);
        assertThat(read.header()).containsExactly("身份证号", "姓名", "出生日期", "住址", "缴费金额");
        assertThat(read.rows())
                .containsExactly(
                        new ExtractRow(2, List.of("350525199001011000", "张三", "1990-01-01", "永春县桃城镇", "400"), null),
                        new ExtractRow(4, List.of("35052519850312003X", "李四", "", "桃东村", ""), null),
                        new ExtractRow(5, List.of("350525199001011200", "", "2025-03-01", "", "12.5"), null));
    }

    @Test
    void randomBytesAfterTheZipSignatureAreUnreadable() throws Exception {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, bytes, 0, 4);

        assertRefused(Files.write(dir.resolve("broken.xlsx"), bytes), "extract.file.unreadable", "broken.xlsx");
    }

    @Test
    void aZipThatIsNoSpreadsheetIsUnreadable() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
        }

        assertRefused(
                Files.write(dir.resolve("archive.zip"), bytes.toByteArray()), "extract.file.unreadable", "archive.zip");
    }

    @Test
    void aWorkbookWhoseFirstSheetHasOnlyBlankRowsHasNoHeader() throws Exception {
        Path file = dir.resolve("empty.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            texts(workbook.createSheet("空").createRow(3), " ");
            workbook.createSheet("第二页").createRow(0).createCell(0).setCellValue("身份证号");
            workbook.write(out);
        }

        assertRefused(file, "extract.file.noHeader", "empty.xlsx");
    }

    @Test
    void theHandlersOwnFailurePassesThroughUnchanged() throws Exception {
        Path file = dir.resolve("ok.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet();
            texts(sheet.createRow(0), "身份证号");
            texts(sheet.createRow(1), "35052519850312003X");
            workbook.write(out);
        }
        IllegalStateException stop = new IllegalStateException("import cancelled");

        assertThatThrownBy(() -> ExtractReader.read(file, new ExtractHandler() {
                    @Override
                    public void header(List<String> names) {}

                    @Override
                    public void row(ExtractRow row) {
                        throw stop;
                    }
                }))
                .isSameAs(stop);
    }

    private static void texts(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    private static void assertRefused(Path file, String key, String fileName) {
        assertThatThrownBy(() -> RecordedExtract.read(file)).isInstanceOfSatisfying(ExtractFileException.class, e -> {
            assertThat(e.messageKey()).isEqualTo(key);
            assertThat(e.args()).containsExactly(fileName);
        });
    }
}
