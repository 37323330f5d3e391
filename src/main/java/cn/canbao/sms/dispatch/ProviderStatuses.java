package cn.canbao.sms.dispatch;

import cn.canbao.sms.SmsStatus;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A provider's word on a message it took, by the provider's id: applied when we know that id, kept until we do when
 * the callback came first (the provider called back while our sender was still recording its answer), and applied
 * then. Never moves a message back (a late "sent" after "delivered" changes nothing). In the caller's transaction.
 */
public final class ProviderStatuses {

    /** Early callbacks whose message never turned up are forgotten after this long. */
    static final java.time.Duration KEEP_EARLY = java.time.Duration.ofDays(7);

    private ProviderStatuses() {}

    /**
     * In the caller's transaction, one at a time per provider id: a callback and the recording of the send it is about
     * never interleave (else a callback could be kept just after the send's recording looked for kept ones).
     */
    static void lock(JdbcTemplate jdbc, String providerSid) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?))", providerSid);
    }

    /** Applies the status to our message with this provider id; false (and kept for later) when we know no such id. */
    public static boolean apply(
            JdbcTemplate jdbc, String providerSid, String providerStatus, Integer errorCode, String errorMessage) {
        lock(jdbc, providerSid);
        List<String> current = jdbc.queryForList(
                "select status from sms_message where provider_sid = ? for update", String.class, providerSid);
        if (current.isEmpty()) {
            jdbc.update(
                    "insert into sms_early_status (provider_sid, status, error_code, error_message) values (?, ?, ?, ?)",
                    providerSid,
                    providerStatus == null ? "" : cut(providerStatus, 20),
                    errorCode,
                    cut(errorMessage, 500));
            return false;
        }
        update(jdbc, providerSid, SmsStatus.valueOf(current.get(0)), providerStatus, errorCode, errorMessage);
        return true;
    }

    /** Applies, in arrival order, the callbacks that came for this provider id before we recorded it; then drops them. */
    static int applyEarly(JdbcTemplate jdbc, String providerSid) {
        List<Map<String, Object>> early = jdbc.queryForList(
                "delete from sms_early_status where provider_sid = ? "
                        + "returning id, status, error_code, error_message",
                providerSid);
        early.sort(java.util.Comparator.comparingLong(r -> ((Number) r.get("id")).longValue()));
        for (Map<String, Object> e : early) {
            String status = jdbc.queryForObject(
                    "select status from sms_message where provider_sid = ?", String.class, providerSid);
            update(
                    jdbc,
                    providerSid,
                    SmsStatus.valueOf(status),
                    (String) e.get("status"),
                    e.get("error_code") == null ? null : ((Number) e.get("error_code")).intValue(),
                    (String) e.get("error_message"));
        }
        return early.size();
    }

    private static void update(
            JdbcTemplate jdbc,
            String providerSid,
            SmsStatus current,
            String providerStatus,
            Integer errorCode,
            String errorMessage) {
        SmsStatus status = SmsStatus.fromProvider(providerStatus);
        if (current.rank() > status.rank() || current == SmsStatus.SKIPPED || current == SmsStatus.QUEUED) {
            return;
        }
        jdbc.update(
                "update sms_message set status = ?, status_at = now(), error_code = coalesce(?, error_code), "
                        + "error_message = coalesce(?, error_message) where provider_sid = ?",
                status.name(),
                errorCode,
                cut(errorMessage, 500),
                providerSid);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
