package cn.canbao.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real HTTP client against the running application, as an attacker would use it: HTTP Basic on
 * {@code /api} and {@code /engine-rest}, or a form-login session (cookies) for the web pages and
 * Camunda's webapps. Every call answers the raw response, so a test asserts the status it expects.
 */
public final class HttpAttacker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String username;
    private final String password;
    private final HttpClient client;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private HttpAttacker(int port, String username, String password, HttpClient client) {
        this.port = port;
        this.username = username;
        this.password = password;
        this.client = client;
    }

    /** Calls with HTTP Basic as this user on every request (no session). */
    public static HttpAttacker basic(int port, String username, String password) {
        return new HttpAttacker(port, username, password, HttpClient.newHttpClient());
    }

    /** Calls without any credentials. */
    public static HttpAttacker anonymous(int port) {
        return new HttpAttacker(port, null, null, HttpClient.newHttpClient());
    }

    /**
     * Logs in through the login form and keeps the session cookie; {@link #loggedIn()} says whether the
     * form accepted the credentials.
     */
    public static HttpAttacker formLogin(int port, String username, String password) {
        HttpAttacker session = new HttpAttacker(
                port,
                null,
                null,
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
        session.lastLogin = session.send(HttpRequest.newBuilder(session.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password)))));
        return session;
    }

    private HttpResponse<String> lastLogin;

    /** The answer of the login form (302 to / when accepted, to /login?error when not). */
    public HttpResponse<String> loginResponse() {
        return lastLogin;
    }

    public boolean loggedIn() {
        return lastLogin != null
                && lastLogin.statusCode() == 302
                && !lastLogin.headers().firstValue("Location").orElse("").contains("error");
    }

    /** Adds a header to every following request (e.g. Accept-Language). */
    public HttpAttacker header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return client.send(
                    prepare(HttpRequest.newBuilder(uri(path)).GET()).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postJson(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public HttpResponse<String> putJson(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** A multipart/form-data POST: text fields, and one file part {@code fileField} with the given bytes. */
    public HttpResponse<String> postMultipart(
            String path, Map<String, String> fields, String fileField, String fileName, byte[] content) {
        String boundary = "----canbao" + UUID.randomUUID().toString().replace("-", "");
        var body = new java.io.ByteArrayOutputStream();
        try {
            for (var f : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                                + f.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (fileField != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(content);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Any request the helpers above do not cover. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(prepare(request).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpRequest.Builder prepare(HttpRequest.Builder request) {
        headers.forEach(request::header);
        if (username != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
