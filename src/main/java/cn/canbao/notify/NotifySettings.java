package cn.canbao.notify;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code canbao.notify.*}: notices to staff. See README "Notices to staff".
 *
 * @param baseUrl         the public address of Canbao links in notices start with ({@code CANBAO_PUBLIC_URL})
 * @param defaultChannel  SMS, GROUP or NONE where neither the user nor a region above them chose
 * @param quietStart      no notice from this local time … (a user may set their own)
 * @param quietEnd        … until this one (canbao.zone; the window may span midnight)
 * @param taskBatch       at most one new-task message per user in this span
 * @param maxAttempts     posts tried before a notice fails for good
 * @param backoff         first wait after a refused post, doubled each attempt …
 * @param backoffMax      … up to this
 * @param unresolvedAfter a notice left SENDING this long (crash, unknown outcome) is given up, never posted again
 * @param timeout         a robot's answer is awaited this long
 * @param robotPerMinute  posts to one robot in any minute, at most (DingTalk and WeCom take about 20); the rest wait
 * @param robots          region code → its work group's robot (the nearest one above a user posts their notices);
 *                        addresses and secrets from the environment, never from git
 */
@ConfigurationProperties("canbao.notify")
public record NotifySettings(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("SMS") NoticeChannel defaultChannel,
        @DefaultValue("21:00") LocalTime quietStart,
        @DefaultValue("07:00") LocalTime quietEnd,
        @DefaultValue("1h") Duration taskBatch,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("30s") Duration backoff,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("5m") Duration unresolvedAfter,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("50") int batchSize,
        @DefaultValue("20") int robotPerMinute,
        @DefaultValue Worker worker,
        Map<String, Robot> robots) {

    public NotifySettings {
        robots = robots == null ? Map.of() : Map.copyOf(robots);
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The delivery worker: on in the application, off in tests (they drive the rounds). */
    public record Worker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") Duration idlePoll) {}

    /**
     * A work group's robot: {@code kind} WECOM (group robot; {@code url} is its webhook address with its key) or
     * DINGTALK (custom robot with 加签: {@code url} with its access token, {@code secret} the SEC… signing secret).
     */
    public record Robot(RobotKind kind, String url, String secret) {}

    public enum RobotKind {
        WECOM,
        DINGTALK
    }

    public Duration backoffFor(int attempt) {
        long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
        Duration d = backoff.multipliedBy(factor);
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }

    /** Whether a local time falls into the window [start, end), which may span midnight. */
    public static boolean within(LocalTime t, LocalTime start, LocalTime end) {
        return start.isAfter(end) ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
    }
}
