package cn.canbao.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionLevelTest {

    @ParameterizedTest
    @CsvSource({
        "350000000000, PROVINCE",
        "350500000000, CITY",
        "350525000000, COUNTY",
        "350525101000, TOWNSHIP",
        "350525101001, VILLAGE",
        "350525101201, VILLAGE",
        "350525101001001, GRID",
    })
    void levelFollowsFromTheCodesTrailingZeros(String code, RegionLevel level) {
        assertThat(RegionLevel.ofCode(code)).contains(level);
        assertThat(RegionService.requireWellFormed(" " + code + " ")).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"12345", "3505251010011", "35052510100A", "''", "000000000000", "350525101001000", "35052510100"})
    void malformedCodesAreRefusedWithTheCodeInTheMessage(String code) {
        assertThat(RegionLevel.ofCode(code)).isEmpty();
        assertThatThrownBy(() -> RegionService.requireWellFormed(code))
                .isInstanceOf(RegionException.class)
                .satisfies(e -> assertThat(((RegionException) e).messageKey()).isEqualTo("region.error.malformedCode"));
    }

    @Test
    void descendantsShareTheSignificantDigits() {
        assertThat(RegionLevel.COUNTY.prefixOf("350525000000")).isEqualTo("350525");
        assertThat(RegionLevel.TOWNSHIP.prefixOf("350525101000")).isEqualTo("350525101");
        assertThat(RegionLevel.VILLAGE.childLevel()).contains(RegionLevel.GRID);
        assertThat(RegionLevel.PROVINCE.parentLevel()).isEmpty();
    }

    @Test
    void scopeCoversItsSubtreeOnly() {
        RegionScope taocheng = new RegionScope("350525101000", "350000000000.350500000000.350525000000.350525101000");
        assertThat(taocheng.covers("350000000000.350500000000.350525000000.350525101000"))
                .isTrue();
        assertThat(taocheng.covers("350000000000.350500000000.350525000000.350525101000.350525101001"))
                .isTrue();
        assertThat(taocheng.covers("350000000000.350500000000.350525000000.350525102000"))
                .isFalse();
        assertThat(taocheng.covers("350000000000.350500000000.350525000000")).isFalse();
        // a sibling whose code merely starts with the same characters is not inside
        assertThat(new RegionScope("1", "35.3505.3505251").covers("35.3505.35052510"))
                .isFalse();
        assertThat(RegionScope.everything().covers("anything")).isTrue();
    }
}
