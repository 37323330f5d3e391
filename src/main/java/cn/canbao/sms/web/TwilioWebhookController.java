package cn.canbao.sms.web;

import cn.canbao.security.SystemAccess;
import cn.canbao.sms.SmsService;
import cn.canbao.sms.SmsSettings;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's callbacks: delivery status of our messages and residents' replies. Open to Twilio without a
 * login (security's /webhooks/** chain), so each request must carry a valid {@code X-Twilio-Signature}
 * made with our auth token over the URL and the form parameters; anything else gets 403 and changes nothing.
 */
@RestController
public class TwilioWebhookController {

    public static final String STATUS_PATH = "/webhooks/twilio/status";
    public static final String INBOUND_PATH = "/webhooks/twilio/inbound";
    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final SmsService sms;
    private final SmsSettings.Twilio twilio;

    TwilioWebhookController(SmsService sms, SmsSettings settings) {
        this.sms = sms;
        this.twilio = settings.twilio();
    }

    @PostMapping(STATUS_PATH)
    ResponseEntity<String> status(HttpServletRequest request) {
        Map<String, String> params = params(request);
        if (!signed(request, params)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        String sid = params.get("MessageSid");
        String status = params.get("MessageStatus");
        if (sid == null || status == null) {
            return ResponseEntity.badRequest().build();
        }
        String code =
                params.get("ErrorCode") == null ? "" : params.get("ErrorCode").trim();
        // Twilio's codes are numbers; anything else is accepted and kept in the message rather than answered with a 500
        // (Twilio would call again and again)
        Integer error = code.matches("[0-9]{1,9}") ? Integer.valueOf(code) : null;
        String errorMessage = params.get("ErrorMessage");
        if (error == null && !code.isEmpty()) {
            errorMessage =
                    "ErrorCode " + code + (errorMessage == null || errorMessage.isBlank() ? "" : ": " + errorMessage);
        }
        String described = errorMessage;
        SystemAccess.run(() -> sms.statusCallback(sid, status, error, described));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(INBOUND_PATH)
    ResponseEntity<String> inbound(HttpServletRequest request) {
        Map<String, String> params = params(request);
        if (!signed(request, params)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        SystemAccess.run(() -> sms.inbound(params.get("MessageSid"), params.get("From"), params.get("Body")));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
    }

    private boolean signed(HttpServletRequest request, Map<String, String> params) {
        String signature = request.getHeader("X-Twilio-Signature");
        if (twilio.authToken() == null || twilio.authToken().isBlank() || signature == null) {
            log.warn(
                    "refused an unsigned Twilio callback to {} (auth token configured: {})",
                    request.getRequestURI(),
                    twilio.authToken() != null && !twilio.authToken().isBlank());
            return false;
        }
        boolean valid = new RequestValidator(twilio.authToken()).validate(publicUrl(request), params, signature);
        if (!valid) {
            log.warn("refused a Twilio callback to {} with a bad signature", request.getRequestURI());
        }
        return valid;
    }

    /** The URL Twilio signed: the configured public base (behind a proxy), else the one we were called on. */
    private String publicUrl(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        if (twilio.webhookBaseUrl() != null && !twilio.webhookBaseUrl().isBlank()) {
            return twilio.webhookBaseUrl().replaceAll("/+$", "") + request.getRequestURI() + query;
        }
        return request.getRequestURL() + query;
    }

    private static Map<String, String> params(HttpServletRequest request) {
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> params.put(k, v.length == 0 ? "" : v[0]));
        return params;
    }
}
