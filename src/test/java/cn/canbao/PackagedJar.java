package cn.canbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import org.springframework.core.env.Environment;

/**
 * The jar Maven's package phase built, started as a real deployment: {@code java -jar} from a folder of its own, the prod
 * profile, the database and further settings from the environment (no SPRING_ or CANBAO_ variable of the test's own
 * leaks in), waited for until its health check answers. Used by the tests that need a process of its own to kill or to
 * look at from outside (ProdJarIT, ImportKillIT).
 */
public final class PackagedJar {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private PackagedJar() {}

    /** The jar of ./mvnw verify's package phase in target/ (failsafe runs after it). */
    public static Path built() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("canbao-.*\\.jar"))
                    .toList();
            assertThat(jars)
                    .as("the jar of ./mvnw verify's package phase in target/")
                    .hasSize(1);
            return jars.get(0).toAbsolutePath();
        }
    }

    /**
     * Starts the jar in {@code folder} with the prod profile on {@code databaseUrl} (the test database's user), the
     * given extra environment, its console written to {@code log}; returns once /actuator/health answers UP.
     */
    public static Process start(
            Environment testEnv, Path folder, String databaseUrl, int port, Map<String, String> extra, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx768m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        built().toString())
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("CANBAO_"));
        environment.put("SPRING_PROFILES_ACTIVE", "prod");
        environment.put("CANBAO_DB_URL", databaseUrl);
        environment.put("CANBAO_DB_USER", testEnv.getRequiredProperty("spring.datasource.username"));
        environment.put("CANBAO_DB_PASSWORD", testEnv.getProperty("spring.datasource.password", ""));
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.putAll(extra);
        Process app = builder.start();
        awaitHealthy(app, port, log);
        return app;
    }

    /** A new, empty database beside the tests' own, named after it plus {@code suffix}; answers its JDBC URL. */
    public static String freshDatabase(
            Environment testEnv, org.springframework.jdbc.core.JdbcTemplate jdbc, String suffix) {
        String url = testEnv.getRequiredProperty("spring.datasource.url");
        String database = databaseName(testEnv, suffix);
        jdbc.execute("drop database if exists \"" + database + "\" with (force)");
        jdbc.execute("create database \"" + database + "\" encoding 'UTF8'");
        return url.substring(0, url.lastIndexOf('/') + 1) + database;
    }

    /** Drops the database {@link #freshDatabase} made. */
    public static void dropDatabase(
            Environment testEnv, org.springframework.jdbc.core.JdbcTemplate jdbc, String suffix) {
        jdbc.execute("drop database if exists \"" + databaseName(testEnv, suffix) + "\" with (force)");
    }

    private static String databaseName(Environment testEnv, String suffix) {
        String url = testEnv.getRequiredProperty("spring.datasource.url");
        return url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "") + suffix;
    }

    /** Stops the process: a normal shutdown, forced after a minute. */
    public static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor();
        }
    }

    private static void awaitHealthy(Process app, int port, Path log) throws IOException {
        try {
            org.awaitility.Awaitility.await()
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!app.isAlive()) {
                            fail("the jar stopped with exit code " + app.exitValue() + ":\n" + tail(log));
                        }
                        HttpResponse<String> health = HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                        .timeout(Duration.ofSeconds(30))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        return health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            fail("the jar did not answer /actuator/health within " + START_TIMEOUT + ":\n" + tail(log));
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
