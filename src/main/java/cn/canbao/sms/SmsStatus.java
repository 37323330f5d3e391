package cn.canbao.sms;

/**
 * Where a message stands. QUEUED waits in the outbox (possibly deferred), SENDING was handed to the
 * provider with an outcome not yet recorded, ACCEPTED the provider took it, then SENT and DELIVERED or
 * UNDELIVERED / FAILED from its callbacks; SKIPPED never went out (opted out, no valid mobile).
 */
public enum SmsStatus {
    QUEUED,
    SENDING,
    ACCEPTED,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    SKIPPED,
    /** Its outcome could not be learnt from the provider however often we asked: waits for an operator. */
    UNRESOLVED;

    public String messageKey() {
        return "sms.status." + name();
    }

    /** From Twilio's status names (queued, accepted, sending, sent, delivered, undelivered, failed …). */
    public static SmsStatus fromProvider(String status) {
        if (status == null) {
            return ACCEPTED;
        }
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "sent" -> SENT;
            case "delivered", "read" -> DELIVERED;
            case "undelivered" -> UNDELIVERED;
            case "failed", "canceled" -> FAILED;
            default -> ACCEPTED;
        };
    }

    /** Progress order, so a late callback never moves a message back (delivered stays delivered). */
    public int rank() {
        return switch (this) {
            case QUEUED, SKIPPED -> 0;
            case SENDING, UNRESOLVED -> 1;
            case ACCEPTED -> 2;
            case SENT -> 3;
            case DELIVERED, UNDELIVERED, FAILED -> 4;
        };
    }
}
