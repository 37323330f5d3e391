package cn.canbao.register.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Cells of the rejects CSV cannot become spreadsheet formulas; on-screen rows show no ID or mobile number. */
class RejectsCsvTest {

    static Stream<String[]> formulas() {
        return Stream.of(
                new String[] {"=HYPERLINK(\"http://x\",\"a\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""},
                new String[] {"+1+1", "'+1+1"},
                new String[] {"-2+3", "'-2+3"},
                new String[] {"@SUM(A1)", "'@SUM(A1)"},
                new String[] {"\t=1", "'\t=1"},
                new String[] {"\r=1", "\"'\r=1\""},
                new String[] {"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
                // a legitimate negative number is neutralised too (shown as the text -2): rows are for reading
                new String[] {"-2", "'-2"},
                // a row as read whose first cell is a formula: the whole raw cell starts with it
                new String[] {"=1+1,蔡文华,在册", "\"'=1+1,蔡文华,在册\""});
    }

    @ParameterizedTest
    @MethodSource("formulas")
    void aCellThatWouldBeAFormulaGetsALeadingQuote(String value, String written) {
        assertThat(RejectsCsv.cell(value)).isEqualTo(written);
        assertThat(RejectsCsv.neutralise(value)).startsWith("'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "350525198508080017|350525198508080017",
                "蔡文华|蔡文华",
                "2005-08-08|2005-08-08",
                "a=b|a=b",
                "'quoted|'quoted",
                "1 + 1|1 + 1"
            })
    void harmlessCellsStayAsTheyAre(String value, String written) {
        assertThat(RejectsCsv.cell(value)).isEqualTo(written);
    }

    @Test
    void everyCellOfALineIsNeutralisedAndQuotedWhereNeeded() {
        assertThat(RejectsCsv.line(7L, "缺少“=姓名”", "=HYPERLINK(\"http://x\",\"a\"),x"))
                .isEqualTo("7,缺少“=姓名”,\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\"),x\"");
        assertThat(RejectsCsv.line(8L, "-列", null, "")).isEqualTo("8,'-列,,");
        assertThat(RejectsCsv.line(9L, "a,b", "say \"hi\"")).isEqualTo("9,\"a,b\",\"say \"\"hi\"\"\"");
    }

    @Test
    void onScreenRowsMaskIdAndMobileNumbers() {
        assertThat(RejectsCsv.masked("350525198508080017,蔡文华,在册,2005-08-08,350525101001,,,,13905951234"))
                .isEqualTo("3505**********0017,蔡文华,在册,2005-08-08,350525101001,,,,139****1234");
        // old 15-digit numbers, mistyped lengths and a lower-case x are masked too; 12-digit region codes are not
        assertThat(RejectsCsv.masked("350525850808001,35052519850808001x,3505251985080800171,350525101001"))
                .isEqualTo("3505*******8001,3505**********001x,3505***********0171,350525101001");
        assertThat(RejectsCsv.masked("tel 13905951234; 1390595123; 139059512345"))
                .isEqualTo("tel 139****1234; 1390595123; 139059512345");
        assertThat(RejectsCsv.masked(null)).isNull();
    }
}
