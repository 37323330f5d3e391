package cn.canbao.base;

import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text exists in Chinese and in English. */
class MessageBundlesTest {

    @Test
    void chineseAndEnglishBundlesHaveTheSameKeys() throws Exception {
        Properties zh = load("/i18n/messages.properties");
        Properties en = load("/i18n/messages_en.properties");
        assertThat(zh.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
        assertThat(zh.getProperty("app.title")).isEqualTo("参保通");
        assertThat(en.stringPropertyNames()).allSatisfy(k -> assertThat(en.getProperty(k)).isNotBlank());
    }

    private static Properties load(String resource) throws Exception {
        Properties p = new Properties();
        try (var in = MessageBundlesTest.class.getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
