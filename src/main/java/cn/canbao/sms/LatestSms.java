package cn.canbao.sms;

import java.time.Instant;

/** The latest message to a person, for worklists: its template, status and when that status was reached. */
public record LatestSms(
        String idNumber,
        long messageId,
        String templateKey,
        SmsStatus status,
        SkipReason skipReason,
        Instant createdAt,
        Instant statusAt) {}
