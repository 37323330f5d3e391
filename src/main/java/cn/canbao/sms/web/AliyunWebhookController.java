package cn.canbao.sms.web;

import cn.canbao.security.SystemAccess;
import cn.canbao.sms.SmsService;
import cn.canbao.sms.SmsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alibaba Cloud's HTTP push (HTTP批量推送): delivery receipts (SmsReport) of our messages and residents' replies
 * (SmsUp, e.g. 退订). Open without a login (security's /webhooks/** chain); the push carries no signature we could
 * check, so the address carries a secret, {@code canbao.sms.aliyun.webhook-token}: a request with another token, or
 * any request while none is configured, gets 403 and changes nothing.
 */
@RestController
class AliyunWebhookController {

    static final String REPORT_PATH = "/webhooks/aliyun/{token}/report";
    static final String REPLY_PATH = "/webhooks/aliyun/{token}/reply";
    private static final Logger log = LoggerFactory.getLogger(AliyunWebhookController.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the provider expects back, else it pushes again. */
    private static final String RECEIVED = "{\"code\":0,\"msg\":\"成功\"}";

    private final SmsService sms;
    private final String token;

    AliyunWebhookController(SmsService sms, SmsSettings settings) {
        this.sms = sms;
        this.token = settings.aliyun().webhookToken();
    }

    /** [{"out_id", "biz_id", "success", "err_code", "err_msg", "phone_number", …}, …] */
    @PostMapping(value = REPORT_PATH, consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> report(@PathVariable String token, @RequestBody(required = false) byte[] body) {
        JsonNode items = items(token, body);
        if (items == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        SystemAccess.run(() -> items.forEach(r -> sms.receipt(
                text(r, "out_id"),
                text(r, "biz_id"),
                r.path("success").asBoolean(false),
                text(r, "err_code"),
                text(r, "err_msg"))));
        return ok();
    }

    /** [{"phone_number", "content", "sequence_id", "send_time", …}, …]: 退订 / TD opts the number's residents out. */
    @PostMapping(value = REPLY_PATH, consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> reply(@PathVariable String token, @RequestBody(required = false) byte[] body) {
        JsonNode items = items(token, body);
        if (items == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        SystemAccess.run(() -> items.forEach(
                r -> sms.inbound("aliyun-up:" + text(r, "sequence_id"), text(r, "phone_number"), text(r, "content"))));
        return ok();
    }

    /** The pushed items if the token is ours and the body a JSON array (an empty one for anything else), else null. */
    private JsonNode items(String given, byte[] body) {
        if (token == null
                || token.isBlank()
                || given == null
                || !MessageDigest.isEqual(
                        token.trim().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            log.warn(
                    "refused an Alibaba Cloud push without our token (token configured: {})",
                    token != null && !token.isBlank());
            return null;
        }
        try {
            JsonNode json = body == null || body.length == 0 ? null : JSON.readTree(body);
            return json != null && json.isArray() ? json : JSON.createArrayNode();
        } catch (IOException e) {
            log.warn("an Alibaba Cloud push that is not JSON: ignored");
            return JSON.createArrayNode();
        }
    }

    private static ResponseEntity<String> ok() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(RECEIVED);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
