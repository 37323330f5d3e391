package cn.canbao.register.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers read from a sheet come out as the decimals the sheet holds, never in scientific notation. */
class PlainCellFormatterTest {

    private final PlainCellFormatter formatter = new PlainCellFormatter();

    @Test
    void numbersArePlainShortestDecimals() {
        assertThat(PlainCellFormatter.plain(Double.parseDouble("3.50525199001011E+17")))
                .isEqualTo("350525199001011000");
        assertThat(PlainCellFormatter.plain(350525199001011200d)).isEqualTo("350525199001011200");
        assertThat(PlainCellFormatter.plain(400.0)).isEqualTo("400");
        assertThat(PlainCellFormatter.plain(1234.5)).isEqualTo("1234.5");
        assertThat(PlainCellFormatter.plain(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PlainCellFormatter.plain(0.0001)).isEqualTo("0.0001");
        assertThat(PlainCellFormatter.plain(-0.0)).isEqualTo("0");
        assertThat(PlainCellFormatter.plain(-12.75)).isEqualTo("-12.75");
    }

    @ParameterizedTest(name = "{0} as {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "400 | 2 | 0.00 | 400",
                "0.5 | 9 | 0% | 0.5",
                "350525199001011000 | 0 | General | 350525199001011000"
            })
    void displayFormatsOtherThanDatesAreIgnored(double value, int formatIndex, String format, String expected) {
        assertThat(formatter.formatRawCellContents(value, formatIndex, format)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} as {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {"45717 | 14 | m/d/yy", "45717.75 | 22 | m/d/yy h:mm", "45717 | 176 | yyyy\"年\"m\"月\"d\"日\";@"})
    void dateFormatsGiveIsoDates(double value, int formatIndex, String format) {
        assertThat(formatter.formatRawCellContents(value, formatIndex, format)).isEqualTo("2025-03-01");
    }
}
