package cn.canbao.register.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a CSV's encoding is told, and which files are refused as a whole. */
class ExtractReaderEncodingTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String TEXT = "身份证号,姓名,住址\n350525198503120030,张三,永春县桃城镇\n";

    @TempDir
    Path dir;

    @Test
    void utf8WithByteOrderMarkLosesTheMark() throws Exception {
        Path file = write(
                "bom.csv",
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, TEXT.getBytes(StandardCharsets.UTF_8)));

        RecordedExtract read = RecordedExtract.read(file);

        assertThat(read.format()).isEqualTo(ExtractFormat.CSV_UTF8);
        assertThat(read.header()).containsExactly("身份证号", "姓名", "住址");
        assertThat(read.cells()).containsExactly(List.of("350525198503120030", "张三", "永春县桃城镇"));
    }

    @Test
    void utf8WithoutByteOrderMark() throws Exception {
        RecordedExtract read = RecordedExtract.read(write("plain.csv", TEXT.getBytes(StandardCharsets.UTF_8)));

        assertThat(read.format()).isEqualTo(ExtractFormat.CSV_UTF8);
        assertThat(read.header()).containsExactly("身份证号", "姓名", "住址");
        assertThat(read.cells()).containsExactly(List.of("350525198503120030", "张三", "永春县桃城镇"));
    }

    @Test
    void gbkIsRecognisedAndDecoded() throws Exception {
        RecordedExtract read = RecordedExtract.read(write("gbk.csv", TEXT.getBytes(GBK)));

        assertThat(read.format()).isEqualTo(ExtractFormat.CSV_GBK);
        assertThat(read.header()).containsExactly("身份证号", "姓名", "住址");
        assertThat(read.cells()).containsExactly(List.of("350525198503120030", "张三", "永春县桃城镇"));
    }

    /** 张 is E5 BC A0 in UTF-8; the 64 KiB boundary falls after its first or second byte. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void utf8CharacterCutByTheSniffBoundaryIsStillUtf8(int bytesBeforeBoundary) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("id,name\n".getBytes(StandardCharsets.UTF_8));
        int row = 0;
        while (out.size() < ExtractReader.SNIFF_BYTES - 100) {
            out.writeBytes(("%d,abcdefghijklmnopqrstuvwxyz\n".formatted(++row)).getBytes(StandardCharsets.UTF_8));
        }
        String prefix = (row + 1) + ",";
        String padding = "x".repeat(ExtractReader.SNIFF_BYTES - bytesBeforeBoundary - out.size() - prefix.length());
        out.writeBytes((prefix + padding + "张三\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = out.toByteArray();
        assertThat(bytes[ExtractReader.SNIFF_BYTES - bytesBeforeBoundary]).isEqualTo((byte) 0xE5);

        RecordedExtract read = RecordedExtract.read(write("boundary.csv", bytes));

        assertThat(read.format()).isEqualTo(ExtractFormat.CSV_UTF8);
        assertThat(read.rows()).hasSize(row + 1);
        assertThat(read.rows().get(row).cells()).containsExactly(String.valueOf(row + 1), padding + "张三");
    }

    /** The whole file is looked at (issue 17): a GBK file whose first 64 KiB are ASCII is still GBK. */
    @Test
    void gbkWhoseFirst64KiBAreAsciiIsStillGbk() throws Exception {
        StringBuilder text = new StringBuilder("id,name\n");
        int row = 0;
        while (text.length() < ExtractReader.SNIFF_BYTES + 10) {
            text.append(++row).append(",abcdefghijklmnopqrstuvwxyz\n");
        }
        text.append(++row).append(",张三\n");

        RecordedExtract read =
                RecordedExtract.read(write("late-gbk.csv", text.toString().getBytes(GBK)));

        assertThat(read.format()).isEqualTo(ExtractFormat.CSV_GBK);
        assertThat(read.rows()).hasSize(row);
        assertThat(read.rows().get(row - 1).cells().get(1)).isEqualTo("张三");
    }

    /** Names outside GB2312 (堃 喆 珺 赟) survive a GB18030 file byte-exact; the clerk can say the encoding. */
    @Test
    void charactersOutsideGb2312SurviveAndTheEncodingCanBeOverridden() throws Exception {
        String text = "id,name\n1,王堃\n2,李喆\n3,陈珺\n4,张赟\n";
        Path file = write("rare.csv", text.getBytes(java.nio.charset.Charset.forName("GB18030")));
        RecordedExtract read = RecordedExtract.read(file);
        assertThat(read.format()).isEqualTo(ExtractFormat.CSV_GBK);
        assertThat(read.rows()).extracting(r -> r.cells().get(1)).containsExactly("王堃", "李喆", "陈珺", "张赟");
        assertThat(ExtractReader.detect(file, new ReadOptions("UTF-8", 0, 1))).isEqualTo(ExtractFormat.CSV_UTF8);
        assertThat(ExtractReader.detect(file, new ReadOptions("gbk", 0, 1))).isEqualTo(ExtractFormat.CSV_GBK);
    }

    @Test
    void anEmptyFileHasNoHeader() throws Exception {
        assertRefused(write("empty.csv", new byte[0]), "extract.file.noHeader", "empty.csv");
    }

    @Test
    void aFileOfBlankLinesHasNoHeader() throws Exception {
        assertRefused(
                write("blank.csv", "\r\n  \n,,,\n\t\n".getBytes(StandardCharsets.UTF_8)),
                "extract.file.noHeader",
                "blank.csv");
    }

    @Test
    void aBrokenHeaderIsNoHeader() throws Exception {
        assertRefused(
                write("header.csv", "\"id,name\nnot closed\n".getBytes(StandardCharsets.UTF_8)),
                "extract.file.noHeader",
                "header.csv");
    }

    @Test
    void binaryFilesAreUnreadable() throws Exception {
        byte[] oldExcel = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 'x'
        };
        assertRefused(write("old.xls", oldExcel), "extract.file.unreadable", "old.xls");
        assertRefused(
                write("utf16.csv", "\uFEFFid,name\n".getBytes(StandardCharsets.UTF_16LE)),
                "extract.file.unreadable",
                "utf16.csv");
    }

    @Test
    void aLineOfAMegabyteIsNoCsv() throws Exception {
        byte[] bytes = ("id,name\n" + "x".repeat(PhysicalLines.MAX_LINE_CHARS + 1)).getBytes(StandardCharsets.US_ASCII);

        assertRefused(write("no-lines.csv", bytes), "extract.file.unreadable", "no-lines.csv");
    }

    private static void assertRefused(Path file, String key, String fileName) {
        assertThatThrownBy(() -> RecordedExtract.read(file)).isInstanceOfSatisfying(ExtractFileException.class, e -> {
            assertThat(e.messageKey()).isEqualTo(key);
            assertThat(e.args()).containsExactly(fileName);
        });
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
