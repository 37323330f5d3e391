package cn.canbao.register.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV rows: RFC 4180 quoting, blank lines, row numbers, and broken quoting confined to its row. */
class ExtractReaderCsvTest {

    private static final String BROKEN = "extract.row.brokenQuoting";

    @TempDir
    Path dir;

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws Exception {
        RecordedExtract read = read("""
                id,name,address
                1,"Zhang, San","He said ""hi\"""
                2,Li,"line one
                line two"
                3 , padded ,  "  quoted, padded  "\t
                4,张"三,""
                """);

        assertThat(read.header()).containsExactly("id", "name", "address");
        assertThat(read.numbers()).containsExactly(2L, 3L, 5L, 6L);
        assertThat(read.cells())
                .containsExactly(
                        List.of("1", "Zhang, San", "He said \"hi\""),
                        List.of("2", "Li", "line one\nline two"),
                        List.of("3", "padded", "quoted, padded"),
                        List.of("4", "张\"三", ""));
        assertThat(read.rows()).allSatisfy(row -> assertThat(row.problem()).isNull());
    }

    @Test
    void crlfLinesKeepTheirLineBreakInsideQuotes() throws Exception {
        RecordedExtract read = read("id,address\r\n1,\"桃东村\r\n一组\"\r\n2,桃城镇\r\n");

        assertThat(read.header()).containsExactly("id", "address");
        assertThat(read.numbers()).containsExactly(2L, 4L);
        assertThat(read.cells()).containsExactly(List.of("1", "桃东村\r\n一组"), List.of("2", "桃城镇"));
    }

    @Test
    void blankLinesAreSkippedButCounted() throws Exception {
        RecordedExtract read = read("\n id , name \n1,a\n\n   \n,,\n\"\",\"\"\n2,b\n,c\n3,\n");

        assertThat(read.header()).containsExactly("id", "name");
        assertThat(read.numbers()).containsExactly(3L, 8L, 9L, 10L);
        assertThat(read.cells())
                .containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("", "c"), List.of("3", ""));
    }

    @Test
    void anUnclosedQuoteCostsOnlyItsOwnRow() throws Exception {
        StringBuilder text = new StringBuilder("id,name,address\n1,a,x\n2,\"b,x\n");
        for (int id = 3; id <= 12; id++) {
            text.append(id).append(",n").append(id).append(",x\n");
        }

        RecordedExtract read = read(text.toString());

        assertThat(read.numbers()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(read.rows().get(1)).isEqualTo(new ExtractRow(3, List.of("2,\"b,x"), BROKEN));
        assertThat(read.rows().get(0).cells()).containsExactly("1", "a", "x");
        assertThat(read.rows().subList(2, 12)).allSatisfy(row -> {
            assertThat(row.problem()).isNull();
            assertThat(row.cells()).containsExactly(String.valueOf(row.number() - 1), "n" + (row.number() - 1), "x");
        });
    }

    @Test
    void aQuotedFieldMaySpanEightLinesButNotNine() throws Exception {
        String eight = "1,\"" + "l\n".repeat(7) + "l\"\n";
        String nine = "2,\"" + "l\n".repeat(8) + "l\"\n";

        RecordedExtract read = read("id,note\n" + eight + nine + "3,end\n");

        assertThat(read.rows().get(0)).isEqualTo(new ExtractRow(2, List.of("1", "l\n".repeat(7) + "l"), null));
        assertThat(read.rows().get(1)).isEqualTo(new ExtractRow(10, List.of("2,\"l"), BROKEN));
        // the lines after the broken one are read again: seven "l" rows, then the closing quote as text
        assertThat(read.numbers()).containsExactly(2L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(read.rows().get(9)).isEqualTo(new ExtractRow(18, List.of("l\""), null));
        assertThat(read.rows().get(10)).isEqualTo(new ExtractRow(19, List.of("3", "end"), null));
    }

    @Test
    void aQuotedFieldMayNotSwallowMoreThan16KiB() throws Exception {
        String longLine = "9," + "y".repeat(10_000);

        RecordedExtract read = read("id,note\n1,\"open\n" + longLine + "\n" + longLine + "\"\n2,z\n");

        assertThat(read.rows())
                .extracting(ExtractRow::number, ExtractRow::problem)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, BROKEN),
                        org.assertj.core.groups.Tuple.tuple(3L, null),
                        org.assertj.core.groups.Tuple.tuple(4L, null),
                        org.assertj.core.groups.Tuple.tuple(5L, null));
        assertThat(read.rows().get(1).cells()).containsExactly("9", "y".repeat(10_000));
        assertThat(read.rows().get(2).cells()).containsExactly("9", "y".repeat(10_000) + "\"");
    }

    @Test
    void somethingAfterAClosingQuoteBreaksTheRow() throws Exception {
        RecordedExtract read = read("id,name\n1,\"a\"b,c\n2,\"d\"  ,e\n3,\"multi\nline\"x\n4,f\n");

        assertThat(read.rows())
                .containsExactly(
                        new ExtractRow(2, List.of("1,\"a\"b,c"), BROKEN),
                        new ExtractRow(3, List.of("2", "d", "e"), null),
                        new ExtractRow(4, List.of("3,\"multi"), BROKEN),
                        new ExtractRow(5, List.of("line\"x"), null),
                        new ExtractRow(6, List.of("4", "f"), null));
    }

    @Test
    void aQuoteOpenAtTheEndOfTheFileBreaksItsRow() throws Exception {
        RecordedExtract read = read("id,name\n1,a\n2,\"b\n3,c");

        assertThat(read.rows())
                .containsExactly(
                        new ExtractRow(2, List.of("1", "a"), null),
                        new ExtractRow(3, List.of("2,\"b"), BROKEN),
                        new ExtractRow(4, List.of("3", "c"), null));
    }

    @Test
    void twoHundredThousandRowsAreAllRead() throws Exception {
        Path file = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("身份证号,姓名,变动类型,变动日期,户籍地区划,住址,手机号\r\n");
            for (int i = 1; i <= 200_000; i++) {
                out.write("3505251990%08d,张%d,在册,2025-01-01,350525100201,\"永春县桃城镇, %d号\",139%08d\r\n"
                        .formatted(i, i, i, i));
            }
        }
        List<ExtractRow> sampled = new ArrayList<>();
        long[] count = {0};
        long[] lastNumber = {0};

        ExtractFormat format = ExtractReader.read(file, new ExtractHandler() {
            @Override
            public void header(List<String> names) {
                assertThat(names).hasSize(7);
            }

            @Override
            public void row(ExtractRow row) {
                count[0]++;
                lastNumber[0] = row.number();
                if (row.number() == 100_001) {
                    sampled.add(row);
                }
            }
        });

        assertThat(format).isEqualTo(ExtractFormat.CSV_UTF8);
        assertThat(count[0]).isEqualTo(200_000);
        assertThat(lastNumber[0]).isEqualTo(200_001);
        assertThat(sampled)
                .containsExactly(new ExtractRow(
                        100_001,
                        List.of(
                                "350525199000100000",
                                "张100000",
                                "在册",
                                "2025-01-01",
                                "350525100201",
                                "永春县桃城镇, 100000号",
                                "13900100000"),
                        null));
    }

    private RecordedExtract read(String text) throws Exception {
        return RecordedExtract.read(Files.writeString(dir.resolve("extract.csv"), text, StandardCharsets.UTF_8));
    }
}
