package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The committed corpus is what {@link BrokenExtractCorpus} defines: the verdicts and the CSV bytes are compared (the
 * XLSX files are zip archives; their cells are read back). {@code -Dcorpus.write=true} writes the corpus again first.
 */
class BrokenExtractCorpusTest {

    @Test
    void theCommittedCorpusIsTheDefinedOne() throws Exception {
        if (Boolean.getBoolean("corpus.write")) {
            BrokenExtractCorpus.writeAll(BrokenExtractCorpus.DIR);
        }
        for (BrokenExtractCorpus.CorpusFile file : BrokenExtractCorpus.files()) {
            var data = BrokenExtractCorpus.DIR.resolve(file.fileName());
            var expected = BrokenExtractCorpus.DIR.resolve(file.name() + ".expected");
            assertThat(data).as(file.fileName()).exists();
            assertThat(Files.readString(expected, StandardCharsets.UTF_8))
                    .as(expected.toString())
                    .isEqualTo(BrokenExtractCorpus.expected(file));
            if (file.encoding() != BrokenExtractCorpus.Encoding.XLSX) {
                assertThat(Files.readAllBytes(data)).as(file.fileName()).isEqualTo(BrokenExtractCorpus.bytes(file));
            } else {
                try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(data))) {
                    var sheet = workbook.getSheetAt(0);
                    for (int i = 0; i < file.lines().size(); i++) {
                        var row = sheet.getRow(file.headerRow() + i);
                        var cells = file.lines().get(i).cells();
                        for (int c = 0; c < cells.size(); c++) {
                            var cell = row.getCell(c);
                            assertThat(cell == null ? "" : cell.getStringCellValue())
                                    .as(file.fileName() + " row " + (file.headerRow() + i + 1) + " col " + c)
                                    .isEqualTo(cells.get(c));
                        }
                    }
                }
            }
        }
        // the corpus covers what the issue names
        var files = BrokenExtractCorpus.files();
        assertThat(files)
                .extracting(BrokenExtractCorpus.CorpusFile::encoding)
                .contains(
                        BrokenExtractCorpus.Encoding.GBK,
                        BrokenExtractCorpus.Encoding.GB18030,
                        BrokenExtractCorpus.Encoding.UTF8,
                        BrokenExtractCorpus.Encoding.UTF8_BOM,
                        BrokenExtractCorpus.Encoding.XLSX);
    }
}
