package cn.canbao.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.attack.HttpAttacker;
import cn.canbao.security.SecurityTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A phone calling the field page's endpoints as field.js does: logged in through the login form, with the session's
 * CSRF token from {@code /field/api/session}, visits sent as multipart ({@code visit} JSON, optional {@code photo})
 * with an {@code Idempotency-Key}.
 */
public final class FieldPhone {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final HttpAttacker http;
    private final String csrfHeader;
    private final String csrfToken;

    public FieldPhone(int port, String username) {
        http = HttpAttacker.formLogin(port, username, SecurityTestSupport.PASSWORD);
        assertThat(http.loggedIn()).as("login of " + username).isTrue();
        JsonNode session = HttpAttacker.json(http.get("/field/api/session"));
        csrfHeader = session.get("csrfHeader").asText();
        csrfToken = session.get("csrfToken").asText();
    }

    /** The first open visit task of the worklist. */
    public String openTask() {
        return HttpAttacker.json(http.get("/field/api/visits"))
                .get(0)
                .get("taskId")
                .asText();
    }

    public HttpResponse<String> submit(String task, UUID key, Map<String, Object> form, byte[] photo) {
        return http.send(multipart(
                HttpRequest.newBuilder(http.uri("/field/api/visits/" + task))
                        .header("Idempotency-Key", key.toString())
                        .header(csrfHeader, csrfToken),
                form,
                photo));
    }

    /** The request's multipart body: the form as the {@code visit} part, the photo (if any) as {@code photo}. */
    public HttpRequest.Builder multipart(HttpRequest.Builder request, Map<String, Object> form, byte[] photo) {
        String boundary = "----field" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"visit\"\r\n"
                            + "Content-Type: application/json\r\n\r\n" + JSON.writeValueAsString(form) + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (photo != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; "
                                + "filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(photo);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }
}
