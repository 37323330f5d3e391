package cn.canbao.sms.dispatch;

import cn.canbao.base.database.Timestamps;
import cn.canbao.register.RegisterHistories;
import cn.canbao.security.SystemAccess;
import cn.canbao.sms.SkipReason;
import cn.canbao.sms.SmsSettings;
import cn.canbao.sms.SmsStatus;
import cn.canbao.sms.gateway.SmsGateway;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The dispatcher's SQL on the outbox: claiming with the caps, and recording each outcome. */
public final class OutboxStore {

    /** Statuses that count as a message having gone to the person (for the per-person cap). */
    private static final String WENT_OUT = "('SENDING', 'ACCEPTED', 'SENT', 'DELIVERED')";
    /** … and for Twilio's identical-text rule, which counts what it sent, delivered or not. */
    private static final String SENT_TO_NUMBER = "('SENDING', 'ACCEPTED', 'SENT', 'DELIVERED', 'UNDELIVERED')";
    /** A second message for the same person or text within one batch waits for the first one's outcome. */
    private static final Duration IN_BATCH_WAIT = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final SmsSettings settings;
    private final RegisterHistories register;
    private final org.springframework.transaction.support.TransactionOperations tx;

    public OutboxStore(
            JdbcTemplate jdbc,
            SmsSettings settings,
            RegisterHistories register,
            org.springframework.transaction.support.TransactionOperations tx) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.register = register;
        this.tx = tx;
    }

    /** {@code providerTemplate} and {@code templateParams}: what a provider of approved templates needs (else null). */
    public record Claimed(
            long id,
            String idNumber,
            String mobile,
            String body,
            int attempts,
            String providerTemplate,
            String templateParams) {}

    private record Candidate(
            long id,
            String idNumber,
            String mobile,
            String body,
            int attempts,
            Instant lastToPerson,
            int identical,
            Instant oldestIdentical,
            String providerTemplate,
            String templateParams) {}

    /**
     * In the caller's transaction: locks up to {@code limit} due QUEUED rows (SKIP LOCKED), skips the opted
     * out, defers those a cap holds back, and marks the rest SENDING with this attempt's time — committed
     * before any of them is handed to the provider. Returns those to send, in order.
     */
    public List<Claimed> claim(Instant now, int limit) {
        OffsetDateTime at = ts(now);
        List<Candidate> candidates = jdbc.query(
                "select m.id, m.id_number, m.mobile, m.body, m.attempts, "
                        + "m.provider_template, m.template_params, "
                        + "(select max(x.last_attempt_at) from sms_message x where x.id_number = m.id_number and x.id <> m.id "
                        + "  and x.status in " + WENT_OUT + " and x.last_attempt_at > ?) last_to_person, "
                        + "i.n identical, i.oldest "
                        + "from sms_message m "
                        + "left join lateral (select count(*) n, min(x.last_attempt_at) oldest from sms_message x "
                        + "  where x.mobile = m.mobile and x.body = m.body and x.id <> m.id and x.status in "
                        + SENT_TO_NUMBER
                        + "  and x.last_attempt_at > ?) i on true "
                        // a message our account's refusal put back waits for the operator's resume, whatever
                        // the round claiming now saw of the pause when it began
                        + "where m.status = 'QUEUED' and m.next_attempt_at <= ? "
                        + "and m.defer_reason is distinct from 'PAUSED' "
                        + "order by m.next_attempt_at, m.id limit ? for update of m skip locked",
                CANDIDATE,
                ts(now.minus(settings.personInterval())),
                ts(now.minus(settings.identicalWindow())),
                at,
                limit);
        // opt-outs are the register's: asked once for the batch, as the dispatcher's own (system) work
        Set<String> optedOut = SystemAccess.call(() -> register.smsOptedOut(candidates.stream()
                .map(Candidate::idNumber)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList()));
        List<Object[]> skipped = new ArrayList<>();
        List<Object[]> deferred = new ArrayList<>();
        List<Object[]> sending = new ArrayList<>();
        List<Claimed> claimed = new ArrayList<>();
        Set<String> persons = new HashSet<>();
        Map<String, Integer> texts = new HashMap<>();
        for (Candidate c : candidates) {
            String text = c.mobile() + "\n" + c.body();
            int sameInBatch = texts.getOrDefault(text, 0);
            boolean optOut = c.idNumber() != null && optedOut.contains(c.idNumber()); // staff rows name no resident
            if (optOut || c.mobile() == null) {
                skipped.add(new Object[] {(optOut ? SkipReason.OPTED_OUT : SkipReason.NO_MOBILE).name(), at, c.id()});
            } else if (c.lastToPerson() != null) {
                deferred.add(new Object[] {ts(c.lastToPerson().plus(settings.personInterval())), "PERSON_CAP", c.id()});
            } else if (c.idNumber() != null && persons.contains(c.idNumber())) {
                // the per-person cap is the residents' (a staff row has no ID number and is never held by it)
                deferred.add(new Object[] {ts(now.plus(IN_BATCH_WAIT)), "PERSON_CAP", c.id()});
            } else if (c.identical() >= settings.identicalMax()) {
                deferred.add(
                        new Object[] {ts(c.oldestIdentical().plus(settings.identicalWindow())), "IDENTICAL_CAP", c.id()
                        });
            } else if (c.identical() + sameInBatch >= settings.identicalMax()) {
                deferred.add(new Object[] {ts(now.plus(IN_BATCH_WAIT)), "IDENTICAL_CAP", c.id()});
            } else {
                if (c.idNumber() != null) {
                    persons.add(c.idNumber());
                }
                texts.put(text, sameInBatch + 1);
                sending.add(new Object[] {at, c.id()});
                claimed.add(new Claimed(
                        c.id(),
                        c.idNumber(),
                        c.mobile(),
                        c.body(),
                        c.attempts() + 1,
                        c.providerTemplate(),
                        c.templateParams()));
            }
        }
        jdbc.batchUpdate(
                "update sms_message set status = 'SKIPPED', skip_reason = ?, status_at = ? where id = ?", skipped);
        jdbc.batchUpdate("update sms_message set next_attempt_at = ?, defer_reason = ? where id = ?", deferred);
        jdbc.batchUpdate(
                "update sms_message set status = 'SENDING', attempts = attempts + 1, last_attempt_at = ?, "
                        + "defer_reason = null where id = ?",
                sending);
        return claimed;
    }

    /** Rows left SENDING whose outcome is unknown (a crash, a fault) and old enough to ask the provider about. */
    List<Claimed> unresolved(Instant now, int limit) {
        return jdbc.query(
                "select id, id_number, mobile, body, attempts, last_attempt_at, provider_template, "
                        + "template_params from sms_message "
                        + "where status = 'SENDING' and next_attempt_at <= ? and last_attempt_at <= ? order by id limit ?",
                (rs, n) -> new Claimed(
                        rs.getLong("id"),
                        rs.getString("id_number"),
                        rs.getString("mobile"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        rs.getString("provider_template"),
                        rs.getString("template_params")),
                ts(now),
                ts(now.minus(settings.reconcileAfter())),
                limit);
    }

    Instant lastAttempt(long id) {
        return jdbc.queryForObject("select last_attempt_at from sms_message where id = ?", OffsetDateTime.class, id)
                .toInstant();
    }

    /** Taken by the provider; any status callback that came for it before this is applied now. */
    public void accepted(long id, SmsGateway.Accepted accepted, Instant now) {
        SmsStatus status = SmsStatus.fromProvider(accepted.status());
        tx.executeWithoutResult(t -> {
            if (accepted.sid() != null) {
                ProviderStatuses.lock(jdbc, accepted.sid()); // a callback for this sid waits, or is kept before we look
            }
            int updated = jdbc.update(
                    "update sms_message set status = ?, provider_sid = ?, accepted_at = ?, status_at = ?, "
                            + "error_code = null, error_message = null where id = ? and status = 'SENDING'",
                    (status.rank() < SmsStatus.ACCEPTED.rank() ? SmsStatus.ACCEPTED : status).name(),
                    accepted.sid(),
                    ts(now),
                    ts(now),
                    id);
            if (updated > 0 && accepted.sid() != null) {
                ProviderStatuses.applyEarly(jdbc, accepted.sid());
            }
        });
    }

    /** Early callbacks whose message never turned up (another deployment's, a test's) are dropped after a week. */
    void forgetEarlyStatuses(Instant now) {
        jdbc.update("delete from sms_early_status where received_at < ?", ts(now.minus(ProviderStatuses.KEEP_EARLY)));
    }

    /** The provider refused our account, not the message: back to the queue as it was, this attempt not counted. */
    public void halted(Claimed m, Integer code, String message) {
        jdbc.update(
                "update sms_message set status = 'QUEUED', attempts = attempts - 1, next_attempt_at = '-infinity', "
                        + "defer_reason = 'PAUSED', error_code = ?, error_message = ? where id = ? and status = 'SENDING'",
                code,
                cut(message),
                m.id());
    }

    /** Pauses every node's dispatcher for an operator; false when it was paused already. */
    boolean pause(Integer code, String reason) {
        return jdbc.update(
                        "update sms_dispatch_state set paused_at = now(), paused_code = ?, paused_reason = ?, "
                                + "resumed_by = null, resumed_at = null where id = 1 and paused_at is null",
                        code,
                        cut(reason))
                > 0;
    }

    /** Counts one lookup of the message at the provider (before it is made: a crash during it counts too). */
    int countLookup(long id) {
        return jdbc.queryForObject(
                "update sms_message set lookups = lookups + 1 where id = ? returning lookups", Integer.class, id);
    }

    /** Its outcome could not be learnt from the provider: an operator decides (UNRESOLVED). */
    void toOperator(Claimed m, String message, Instant now) {
        jdbc.update(
                "update sms_message set status = 'UNRESOLVED', error_message = ?, status_at = ? "
                        + "where id = ? and status = 'SENDING'",
                cut(message),
                ts(now),
                m.id());
    }

    /**
     * Not taken: back to the queue after the backoff (or at {@code notBefore}, the end of a provider's limit, if
     * later), or failed for good after the last attempt.
     */
    void retryLater(Claimed m, Integer code, String message, Instant now, Instant notBefore) {
        if (m.attempts() >= settings.maxAttempts()) {
            failed(m.id(), code, "retries exhausted: " + message, now);
            return;
        }
        Instant next = now.plus(settings.backoffFor(m.attempts()));
        jdbc.update(
                "update sms_message set status = 'QUEUED', next_attempt_at = ?, defer_reason = 'RETRY', "
                        + "error_code = ?, error_message = ? where id = ? and status = 'SENDING'",
                ts(notBefore != null && notBefore.isAfter(next) ? notBefore : next),
                code,
                cut(message),
                m.id());
    }

    /** Outcome unknown: stays SENDING, to be looked up at the provider after the backoff. */
    void unknown(Claimed m, Integer code, String message, Instant now) {
        jdbc.update(
                "update sms_message set next_attempt_at = ?, error_code = ?, error_message = ? "
                        + "where id = ? and status = 'SENDING'",
                ts(now.plus(settings.backoffFor(m.attempts()))),
                code,
                cut(message),
                m.id());
    }

    /** Looked up and not found at the provider: send again now, unless that was the last attempt. */
    void notTaken(Claimed m, Instant now) {
        if (m.attempts() >= settings.maxAttempts()) {
            failed(m.id(), null, "retries exhausted", now);
            return;
        }
        jdbc.update(
                "update sms_message set status = 'QUEUED', next_attempt_at = '-infinity', defer_reason = 'RETRY' "
                        + "where id = ? and status = 'SENDING'",
                m.id());
    }

    void failed(long id, Integer code, String message, Instant now) {
        jdbc.update(
                "update sms_message set status = 'FAILED', error_code = ?, error_message = ?, status_at = ? "
                        + "where id = ? and status = 'SENDING'",
                code,
                cut(message),
                ts(now),
                id);
    }

    /** Claimed but never handed over (quiet hours began, shutdown): back to the queue as they were. */
    void release(List<Claimed> rows) {
        jdbc.batchUpdate(
                "update sms_message set status = 'QUEUED', attempts = attempts - 1 where id = ? "
                        + "and status = 'SENDING'",
                rows.stream().map(r -> new Object[] {r.id()}).toList());
    }

    static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String cut(String message) {
        return message == null || message.length() <= 500 ? message : message.substring(0, 500);
    }

    private static final RowMapper<Candidate> CANDIDATE = (rs, n) -> new Candidate(
            rs.getLong("id"),
            rs.getString("id_number"),
            rs.getString("mobile"),
            rs.getString("body"),
            rs.getInt("attempts"),
            Timestamps.instant(rs.getObject("last_to_person", OffsetDateTime.class)),
            rs.getInt("identical"),
            Timestamps.instant(rs.getObject("oldest", OffsetDateTime.class)),
            rs.getString("provider_template"),
            rs.getString("template_params"));
}
