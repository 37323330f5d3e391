package cn.canbao.sms.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What a refusal from Twilio's Messages API means for the message and for the dispatcher, by HTTP status and
 * Twilio's error code (https://www.twilio.com/docs/api/errors). Only the recipient's own faults fail a message for
 * good; the provider's limits and faults are retried; our account's faults stop all sending until an operator acts.
 */
final class TwilioErrors {

    /** Our account or sender cannot send at all: authentication, an inactive or suspended account, a bad sender. */
    static final Set<Integer> ACCOUNT = Set.of(
            20003, // authentication error: wrong account SID or auth token
            20005, // account not active
            20006, // access denied
            20008, // resource not accessible with test account credentials
            10001, // account is not active
            10002, // trial account does not support this feature
            21606, // the 'From' number is not a valid message-capable Twilio number of this account
            21659, // the 'From' number is not a Twilio number of this account
            21408, // permission to send an SMS has not been enabled for the region of the 'To' number (all ours: +86)
            21701,
            21702,
            21703,
            21704,
            21705,
            21706,
            21707,
            21708,
            21709,
            21710,
            21711,
            21712, // messaging service
            30002 // account suspended
            );

    /** The provider's limits and queues: certainly not taken, try again later. */
    static final Set<Integer> LIMIT = Set.of(
            20429, // too many requests
            14107, // message rate limit exceeded
            21611, // the 'From' number has exceeded its queue of messages (queue overflow)
            30001 // queue overflow
            );

    /** The recipient's own faults: sending again cannot help. */
    static final Set<Integer> RECIPIENT = Set.of(
            21211, // invalid 'To' number
            21214, // 'To' number cannot be reached
            21217, // the number does not appear to be valid
            21610, // the recipient unsubscribed (replied STOP)
            21612, // the 'To' number is not reachable from this sender
            21614, // the 'To' number is not a valid mobile number
            30003,
            30004,
            30005,
            30006,
            30007,
            30008 // unreachable, blocked, unknown, landline, filtered, unknown error
            );

    private TwilioErrors() {}

    /**
     * The outcome of a refused create: {@code retryAfter} is the response's Retry-After header (seconds or an HTTP
     * date), honoured for a 429.
     */
    static SmsGateway.Outcome outcome(
            Integer httpStatus, Integer code, String message, String retryAfter, Instant now) {
        if (code != null && ACCOUNT.contains(code) || httpStatus != null && (httpStatus == 401 || httpStatus == 403)) {
            return new SmsGateway.Halt(code, message);
        }
        if (httpStatus != null && httpStatus == 429 || code != null && LIMIT.contains(code)) {
            return new SmsGateway.Retry(code, message, notBefore(retryAfter, now));
        }
        if (httpStatus == null || httpStatus >= 500) {
            return new SmsGateway.Unknown(code, message); // it may have been taken: looked up before it is sent again
        }
        // any other 4xx is about this message (the recipient's number, the text): it fails, and only it
        return new SmsGateway.Rejected(code, message);
    }

    /** When a Retry-After header says the provider's limit ends (null: no header, or one we cannot read). */
    static Instant notBefore(String retryAfter, Instant now) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String value = retryAfter.trim();
        if (value.matches("[0-9]{1,6}")) {
            return now.plus(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            return java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
