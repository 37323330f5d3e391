package cn.canbao.register.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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

    @Test
    void displayFormatsOtherThanDatesAreIgnored() {
        assertThat(formatter.formatRawCellContents(400, 2, "0.00")).isEqualTo("400");
        assertThat(formatter.formatRawCellContents(0.5, 9, "0%")).isEqualTo("0.5");
        assertThat(formatter.formatRawCellContents(350525199001011000d, 0, "General"))
                .isEqualTo("350525199001011000");
    }

    @Test
    void dateFormatsGiveIsoDates() {
        assertThat(formatter.formatRawCellContents(45717, 14, "m/d/yy")).isEqualTo("2025-03-01");
        assertThat(formatter.formatRawCellContents(45717.75, 22, "m/d/yy h:mm")).isEqualTo("2025-03-01");
        assertThat(formatter.formatRawCellContents(45717, 176, "yyyy\"年\"m\"月\"d\"日\";@"))
                .isEqualTo("2025-03-01");
    }
}
