package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The favicon is served at /favicon.ico to anyone (the login page's tab too) and every Vaadin page links it. */
@CanbaoIntegrationTest
class FaviconIT {

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theFaviconIsServedAndLinkedFromThePages() throws Exception {
        HttpResponse<byte[]> icon = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.ico"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body())
                .isEqualTo(Files.readAllBytes(Path.of("src/main/resources/META-INF/resources/favicon.ico")));
        // an ICO header: reserved 0, type 1 (icon), three images (16, 32, 48 px)
        assertThat(icon.body()).startsWith(new byte[] {0, 0, 1, 0, 3, 0});

        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Accept", "text/html")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body())
                .containsPattern(
                        "<link[^>]*(rel=\"icon\"[^>]*href=\"favicon.ico\"|href=\"favicon.ico\"[^>]*rel=\"icon\")");
    }
}
