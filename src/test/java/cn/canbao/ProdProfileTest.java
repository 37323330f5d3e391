package cn.canbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

/**
 * The prod profile's defaults travel in the jar (application-prod.yml on the classpath), so {@code java -jar} from any
 * folder runs with them; ./config/ holds overrides only and repeats none of them.
 */
class ProdProfileTest {

    @Test
    void theJarCarriesTheProdDefaults() {
        ClassPathResource inJar = new ClassPathResource("application-prod.yml");
        assertThat(inJar.exists()).isTrue();
        Properties prod = yaml(inJar);

        assertThat(prod.getProperty("spring.datasource.url")).isEqualTo("${CANBAO_DB_URL}");
        assertThat(prod.getProperty("spring.datasource.username")).isEqualTo("${CANBAO_DB_USER:canbao}");
        assertThat(prod.getProperty("spring.datasource.password")).isEqualTo("${CANBAO_DB_PASSWORD}");
        assertThat(prod.get("canbao.demo.enabled")).isEqualTo(false);
        assertThat(prod.get("server.servlet.session.cookie.secure")).isEqualTo(true);
        assertThat(prod.getProperty("server.forward-headers-strategy")).isEqualTo("native");
        assertThat(prod.getProperty("logging.file.name")).isEqualTo("logs/canbao.log");
    }

    @Test
    void configHoldsOverridesOnlyNotTheJarsDefaults() throws java.io.IOException {
        try (var files = Files.list(Path.of("config"))) {
            for (Path local : files.filter(p -> p.getFileName().toString().matches("application.*\\.ya?ml"))
                    .toList()) {
                ClassPathResource inJar =
                        new ClassPathResource(local.getFileName().toString());
                Properties defaults = inJar.exists() ? yaml(inJar) : new Properties();
                Properties overrides = yaml(new FileSystemResource(local));
                assertThat(overrides.stringPropertyNames())
                        .as("settings of " + local + " the jar already has")
                        .allSatisfy(
                                key -> assertThat(overrides.get(key)).as(key).isNotEqualTo(defaults.get(key)));
            }
        }
    }

    private static Properties yaml(org.springframework.core.io.Resource resource) {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(resource);
        Properties properties = factory.getObject();
        return properties == null ? new Properties() : properties;
    }
}
