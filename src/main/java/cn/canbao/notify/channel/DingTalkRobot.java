package cn.canbao.notify.channel;

import cn.canbao.notify.NotifySettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk (钉钉) custom robot with 加签: the robot's address plus {@code timestamp} (ms) and {@code sign} =
 * urlencode(base64(HmacSHA256(secret, timestamp + "\n" + secret))); a text message mentioning the user by phone
 * ({@code at.atMobiles}, and "@phone" in the text, which DingTalk shows as the member's name).
 */
public class DingTalkRobot implements StaffChannel {

    private final NotifySettings settings;
    private final RobotPost post;
    private final Clock clock;

    public DingTalkRobot(NotifySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.post = new RobotPost(settings.timeout());
    }

    @Override
    public String name() {
        return NotifySettings.RobotKind.DINGTALK.name();
    }

    @Override
    public Delivery send(Outgoing notice) {
        NotifySettings.Robot robot = settings.robots().get(notice.robot());
        if (robot == null || robot.kind() != NotifySettings.RobotKind.DINGTALK || robot.url() == null) {
            return Delivery.failed("no DingTalk robot for " + notice.robot());
        }
        String url = robot.url();
        if (robot.secret() != null && !robot.secret().isBlank()) {
            long timestamp = clock.millis();
            url += (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                    + URLEncoder.encode(sign(robot.secret(), timestamp), StandardCharsets.UTF_8);
        }
        return post.post(url, body(notice));
    }

    /** base64(HmacSHA256(secret, timestamp + "\n" + secret)), before URL encoding. */
    public static String sign(String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(Outgoing notice) {
        if (notice.phone() == null) {
            return RobotPost.json(Map.of("msgtype", "text", "text", Map.of("content", notice.text())));
        }
        return RobotPost.json(Map.of(
                "msgtype",
                "text",
                "text",
                Map.of("content", notice.text() + " @" + notice.phone()),
                "at",
                Map.of("atMobiles", List.of(notice.phone()), "isAtAll", false)));
    }
}
