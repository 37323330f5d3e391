package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every text exists in Chinese and in English. */
class MessageBundlesTest {

    @Test
    void chineseAndEnglishBundlesHaveTheSameKeys() throws Exception {
        Properties zh = load("/i18n/messages.properties");
        Properties en = load("/i18n/messages_en.properties");
        assertThat(zh.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
        assertThat(zh.getProperty("app.title")).isEqualTo("参保通");
        assertThat(en.stringPropertyNames())
                .allSatisfy(k -> assertThat(en.getProperty(k)).isNotBlank());
    }

    /**
     * English texts hold no Chinese but the words of the Chinese files they quote: a file's headers (变动类型 …) and
     * values (男/女), which the reader must recognise in the file.
     */
    @Test
    void englishTextsHoldNoChineseButTheFilesOwnWords() throws Exception {
        Properties en = load("/i18n/messages_en.properties");
        Set<String> quoting = Set.of(
                "register.reject.sexUnreadable",
                "imports.preview.snapshotHint",
                "targets.workbook.noHeader",
                "register.reject.motherIdMissing");
        Pattern cjk = Pattern.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]");
        assertThat(en.stringPropertyNames())
                .filteredOn(k -> cjk.matcher(en.getProperty(k)).find())
                .containsExactlyInAnyOrderElementsOf(quoting);
    }

    private static Properties load(String resource) throws Exception {
        Properties p = new Properties();
        try (var in = MessageBundlesTest.class.getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
