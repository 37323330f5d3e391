package cn.canbao.register.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workbooks a hostile or broken producer could write (issue 17, point 7): a cell far to the right, a row beyond
 * Excel's last, a cell longer than Excel allows — each refused with its own reason before it costs memory; a sane
 * hand-written workbook reads as usual.
 */
class ExtractReaderHostileXlsxTest {

    @TempDir
    Path dir;

    @Test
    void aSaneHandWrittenWorkbookReads() throws Exception {
        Path file = write(
                "ok.xlsx",
                HostileXlsx.withRows(HostileXlsx.row(1, "A1", "身份证号", "B1", "姓名")
                        + HostileXlsx.row(2, "A2", "350525198001010011", "B2", "王一")));
        RecordedExtract read = RecordedExtract.read(file);
        assertThat(read.header()).containsExactly("身份证号", "姓名");
        assertThat(read.rows()).hasSize(1);
    }

    @Test
    void aCellFarToTheRightIsRefused() throws Exception {
        Path file = write("wide.xlsx", HostileXlsx.withRows(HostileXlsx.row(1, "A1", "身份证号", "XFD1", "x")));
        assertThatThrownBy(() -> RecordedExtract.read(file))
                .isInstanceOf(ExtractFileException.class)
                .satisfies(e ->
                        assertThat(((ExtractFileException) e).messageKey()).isEqualTo("extract.file.tooManyColumns"));
        Path absurd =
                write("absurd.xlsx", HostileXlsx.withRows(HostileXlsx.row(1, "A1", "身份证号", "ZZZZZZZZZZZZZZZZ1", "x")));
        assertThatThrownBy(() -> RecordedExtract.read(absurd))
                .isInstanceOf(ExtractFileException.class)
                .hasMessageContaining("extract.file.tooManyColumns");
    }

    @Test
    void aRowBeyondExcelsLastIsRefused() throws Exception {
        Path file = write(
                "tall.xlsx",
                HostileXlsx.withRows(HostileXlsx.row(1, "A1", "身份证号")
                        + HostileXlsx.row(5_000_000, "A5000000", "350525198001010011")));
        assertThatThrownBy(() -> RecordedExtract.read(file))
                .isInstanceOf(ExtractFileException.class)
                .hasMessageContaining("extract.file.tooManyRows");
    }

    @Test
    void aCellLongerThanExcelAllowsIsRefused() throws Exception {
        Path file = write(
                "long.xlsx",
                HostileXlsx.withRows(HostileXlsx.row(1, "A1", "身份证号") + HostileXlsx.row(2, "A2", "x".repeat(40_000))));
        assertThatThrownBy(() -> RecordedExtract.read(file))
                .isInstanceOf(ExtractFileException.class)
                .hasMessageContaining("extract.file.cellTooLong");
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
