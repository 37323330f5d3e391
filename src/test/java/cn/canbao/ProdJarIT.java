package cn.canbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;

/**
 * A real deployment as the README documents it: the built jar started with {@code java -jar} from a folder of its
 * own (no ./config there), SPRING_PROFILES_ACTIVE=prod and the database from the environment. It runs with the
 * prod defaults the jar carries: the start-up report names the prod profile, a page asked for over plain HTTP gets
 * the Chinese explanation that the site needs HTTPS (the session cookie is HTTPS-only) with the English under it,
 * the health check still answers over HTTP, and behind an HTTPS proxy the login page is served with a Secure cookie.
 * The jar runs on a fresh database beside the tests' own, dropped afterwards.
 */
@CanbaoIntegrationTest
class ProdJarIT extends IntegrationTestBase {

    @Autowired
    Environment env;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void theJarStartedElsewhereWithTheProdProfileExplainsHttpsInChinese() throws Exception {
        String prodUrl = PackagedJar.freshDatabase(env, jdbc, "_prod_jar");
        Path folder = Path.of("target", "prod-jar-run").toAbsolutePath();
        FileSystemUtils.deleteRecursively(folder);
        Files.createDirectories(folder);
        Path log = folder.resolve("console.log");
        int port = PackagedJar.freePort();
        Process app = PackagedJar.start(env, folder, prodUrl, port, Map.of(), log);
        try {
            assertThat(Files.readString(log)).contains("profiles: prod", "external PostgreSQL " + prodUrl);
            assertThat(folder.resolve("logs").resolve("canbao.log"))
                    .as("the prod profile's log file")
                    .isNotEmptyFile();

            for (String page : List.of("/login", "/", "/dashboard")) {
                HttpResponse<String> plain = get(port, page, Map.of());
                assertThat(plain.statusCode()).as(page).isEqualTo(403);
                assertThat(plain.headers().firstValue("Content-Type"))
                        .as(page)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
                assertThat(plain.body())
                        .as(page)
                        .contains("请使用 HTTPS 打开参保通", "本系统只能通过加密的 HTTPS 连接使用", "Please open Canbao over HTTPS")
                        .doesNotContain("Cookies are disabled");
                assertThat(plain.body().indexOf("请使用 HTTPS 打开参保通"))
                        .isLessThan(plain.body().indexOf("Please open Canbao over HTTPS"));
            }

            HttpResponse<String> behindProxy = get(port, "/login", Map.of("X-Forwarded-Proto", "https"));
            assertThat(behindProxy.statusCode()).isEqualTo(200);
            assertThat(behindProxy.body()).doesNotContain("请使用 HTTPS 打开参保通");
            assertThat(behindProxy.headers().allValues("Set-Cookie"))
                    .filteredOn(c -> c.startsWith("JSESSIONID="))
                    .isNotEmpty()
                    .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));
        } finally {
            PackagedJar.stop(app);
            PackagedJar.dropDatabase(env, jdbc, "_prod_jar");
        }
    }

    private HttpResponse<String> get(int port, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Accept-Language", "en-US,en;q=0.9")
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
