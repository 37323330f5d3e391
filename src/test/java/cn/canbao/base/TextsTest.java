package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void blankIsNothing() {
        for (String blank : new String[] {null, "", "  ", "\t\n", "\u3000"}) {
            assertThat(Texts.stripToNull(blank)).isNull();
            assertThat(Texts.trimToNull(blank)).isNull();
        }
    }

    @Test
    void textLosesItsSurroundingSpaces() {
        assertThat(Texts.stripToNull("  城关镇 ")).isEqualTo("城关镇");
        assertThat(Texts.trimToNull("  城关镇 ")).isEqualTo("城关镇");
        assertThat(Texts.stripToNull("\u3000城关镇\u3000")).isEqualTo("城关镇");
        assertThat(Texts.trimToNull("\u3000城关镇\u3000")).isEqualTo("\u3000城关镇\u3000");
    }
}
