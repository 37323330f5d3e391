package cn.canbao.sms;

import java.util.Map;

/**
 * What a process asks to send. {@code dedupKey} is unique: enqueueing the same key twice is a no-op.
 * {@code regionCode} is the person's residence grid or village code (the county's template is used, and
 * the SMS view counts the message there).
 */
public record SmsRequest(
        String idNumber,
        String mobile,
        String regionCode,
        Long campaignId,
        String templateKey,
        Map<String, String> variables,
        String dedupKey) {}
