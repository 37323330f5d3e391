package cn.canbao.sms.templates;

import java.time.Instant;

/** A county's text for one kind of message, with {@code {variable}} placeholders. */
public record SmsTemplate(String countyCode, String templateKey, String body, String updatedBy, Instant updatedAt) {

    public SmsText.Count count() {
        return SmsText.count(body);
    }
}
