package cn.canbao.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One JSON POST to a chat robot and what its answer means. Both WeCom and DingTalk answer HTTP 200 with
 * {@code {"errcode":0,"errmsg":"ok"}} when they took the message, another errcode when they refused it (rate limit,
 * bad signature, bad key): refused means nothing was posted, so it may be tried again. A request that went out and
 * got no answer in time is UNKNOWN: it may have been posted, and is not posted again.
 */
final class RobotPost {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    RobotPost(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    StaffChannel.Delivery post(String url, String body) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return StaffChannel.Delivery.failed("bad robot address");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return StaffChannel.Delivery.refused(
                    "not connected: " + e.getClass().getSimpleName());
        } catch (HttpTimeoutException e) {
            return StaffChannel.Delivery.unknown("no answer in " + timeout);
        } catch (IOException e) {
            return StaffChannel.Delivery.unknown(
                    "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StaffChannel.Delivery.unknown("interrupted");
        }
        String reply = "HTTP " + response.statusCode() + " " + cut(response.body());
        if (response.statusCode() != 200) {
            // the robot's server refused the request (5xx, 429, 4xx): nothing was posted
            return response.statusCode() == 404
                    ? StaffChannel.Delivery.failed(reply)
                    : StaffChannel.Delivery.refused(reply);
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            JsonNode code = answer.get("errcode");
            return code != null && code.asInt(-1) == 0
                    ? StaffChannel.Delivery.sent(reply)
                    : StaffChannel.Delivery.refused(reply);
        } catch (IOException e) {
            return StaffChannel.Delivery.unknown(reply);
        }
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) : s;
    }
}
