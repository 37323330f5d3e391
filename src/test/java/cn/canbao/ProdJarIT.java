package cn.canbao;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real deployment as the README documents it: the built jar started with {@code java -jar} from a folder of its
 * own (no ./config there), SPRING_PROFILES_ACTIVE=prod and the database from the environment. It runs with the
 * prod defaults the jar carries: the start-up report names the prod profile, a page asked for over plain HTTP gets
 * the Chinese explanation that the site needs HTTPS (the session cookie is HTTPS-only) with the English under it,
 * the health check still answers over HTTP, and behind an HTTPS proxy the login page is served with a Secure cookie.
 * The jar runs on a fresh database beside the tests' own, dropped afterwards.
 */
@CanbaoIntegrationTest
class ProdJarIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    @Autowired
    Environment env;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theJarStartedElsewhereWithTheProdProfileExplainsHttpsInChinese() throws Exception {
        Path jar = builtJar();
        String url = env.getRequiredProperty("spring.datasource.url");
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "") + "_prod_jar";
        String prodUrl = url.substring(0, url.lastIndexOf('/') + 1) + database;
        jdbc.execute("drop database if exists \"" + database + "\" with (force)");
        jdbc.execute("create database \"" + database + "\" encoding 'UTF8'");
        Path folder = Path.of("target", "prod-jar-run").toAbsolutePath();
        FileSystemUtils.deleteRecursively(folder);
        Files.createDirectories(folder);
        Path log = folder.resolve("console.log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("CANBAO_"));
        environment.put("SPRING_PROFILES_ACTIVE", "prod");
        environment.put("CANBAO_DB_URL", prodUrl);
        environment.put("CANBAO_DB_USER", env.getRequiredProperty("spring.datasource.username"));
        environment.put("CANBAO_DB_PASSWORD", env.getProperty("spring.datasource.password", ""));
        environment.put("SERVER_PORT", Integer.toString(port));
        Process app = builder.start();
        try {
            awaitHealthy(app, port, log);
            assertThat(Files.readString(log)).contains("profiles: prod", "external PostgreSQL " + prodUrl);
            assertThat(folder.resolve("logs").resolve("canbao.log")).as("the prod profile's log file").isNotEmptyFile();

            for (String page : List.of("/login", "/", "/dashboard")) {
                HttpResponse<String> plain = get(port, page, Map.of());
                assertThat(plain.statusCode()).as(page).isEqualTo(403);
                assertThat(plain.headers().firstValue("Content-Type")).as(page).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/html"));
                assertThat(plain.body()).as(page).contains("请使用 HTTPS 打开参保通",
                        "本系统只能通过加密的 HTTPS 连接使用", "Please open Canbao over HTTPS")
                        .doesNotContain("Cookies are disabled");
                assertThat(plain.body().indexOf("请使用 HTTPS 打开参保通"))
                        .isLessThan(plain.body().indexOf("Please open Canbao over HTTPS"));
            }

            HttpResponse<String> behindProxy = get(port, "/login", Map.of("X-Forwarded-Proto", "https"));
            assertThat(behindProxy.statusCode()).isEqualTo(200);
            assertThat(behindProxy.body()).doesNotContain("请使用 HTTPS 打开参保通");
            assertThat(behindProxy.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                    .isNotEmpty().allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));
        } finally {
            app.destroy();
            if (!app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
            jdbc.execute("drop database if exists \"" + database + "\" with (force)");
        }
    }

    /** The jar Maven's package phase built (failsafe runs after it). */
    private static Path builtJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("canbao-.*\\.jar")).toList();
            assertThat(jars).as("the jar of ./mvnw verify's package phase in target/").hasSize(1);
            return jars.get(0).toAbsolutePath();
        }
    }

    private void awaitHealthy(Process app, int port, Path log) throws IOException {
        try {
            org.awaitility.Awaitility.await().atMost(START_TIMEOUT).pollInterval(java.time.Duration.ofSeconds(1))
                    .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                        if (!app.isAlive()) {
                            fail("the jar stopped with exit code " + app.exitValue() + ":\n" + tail(log));
                        }
                        HttpResponse<String> health = get(port, "/actuator/health", Map.of());
                        return health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            fail("the jar did not answer /actuator/health within " + START_TIMEOUT + ":\n" + tail(log));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
