package cn.canbao.sms;

import cn.canbao.base.database.Timestamps;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's side of the dispatcher: its pause when the provider refused our account (shown to the county's
 * staff; resumed by an administrator at the top of the region tree, since the provider account is the whole
 * deployment's), and the queue of messages whose outcome the provider could not tell us (UNRESOLVED), which a clerk
 * or administrator settles message by message inside their own subtree: taken after all, or to be sent again.
 */
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class SmsOperations {

    private static final Logger log = LoggerFactory.getLogger(SmsOperations.class);

    /** Since when sending is paused, and the provider's code and words. */
    public record Pause(Instant since, Integer code, String reason) {}

    /** A message waiting for an operator, with its number masked. */
    public record Unresolved(
            long id,
            String maskedId,
            String maskedMobile,
            String regionCode,
            int attempts,
            int lookups,
            Instant lastAttempt,
            String error) {}

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final RegionService regions;

    SmsOperations(JdbcTemplate jdbc, CurrentRegionScope scope, RegionService regions) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.regions = regions;
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
    public Optional<Pause> pause() {
        return jdbc
                .query(
                        "select paused_at, paused_code, paused_reason from sms_dispatch_state where id = 1 "
                                + "and paused_at is not null",
                        (rs, n) ->
                                new Pause(rs.getTimestamp(1).toInstant(), (Integer) rs.getObject(2), rs.getString(3)))
                .stream()
                .findFirst();
    }

    /**
     * Resumes sending after the account was fixed: an administrator of a top region (the provider account serves the
     * whole deployment). The messages kept queued go out from the next round. False when it was not paused.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public boolean resume() {
        CanbaoUser user = CurrentUser.require();
        boolean top = regions.findUnscoped(user.regionCode())
                .map(r -> r.parentCode() == null)
                .orElse(false);
        if (!top) {
            throw new SmsException("sms.pause.resumeTopOnly");
        }
        boolean resumed = jdbc.update(
                        "update sms_dispatch_state set paused_at = null, resumed_by = ?, resumed_at = now() "
                                + "where id = 1 and paused_at is not null",
                        user.getUsername())
                > 0;
        if (resumed) {
            jdbc.update(
                    "update sms_message set defer_reason = null where status = 'QUEUED' and defer_reason = 'PAUSED'");
            log.warn("SMS dispatcher resumed by {}", user.getUsername());
        }
        return resumed;
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public List<Unresolved> unresolved(int limit) {
        RegionScope s = scope.get();
        return jdbc.query(
                "select id, id_number, mobile, region_code, attempts, lookups, last_attempt_at, error_message "
                        + "from sms_message where status = 'UNRESOLVED' and (? or region_code like ? || '%') "
                        + "order by id limit ?",
                (rs, n) -> new Unresolved(
                        rs.getLong("id"),
                        IdNumber.mask(rs.getString("id_number")),
                        MobileNumber.mask(rs.getString("mobile")),
                        rs.getString("region_code"),
                        rs.getInt("attempts"),
                        rs.getInt("lookups"),
                        Timestamps.instant(rs.getTimestamp("last_attempt_at")),
                        rs.getString("error_message")),
                s.unrestricted(),
                s.codePrefix(),
                limit);
    }

    /** The operator found the message at the provider (its console): recorded as taken, never sent again. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public void confirmTaken(long messageId) {
        resolve(messageId, "status = 'ACCEPTED', status_at = now(), accepted_at = now()", "taken");
    }

    /** The operator found it was not taken: queued to be sent again now, its lookups counted afresh. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public void sendAgain(long messageId) {
        resolve(
                messageId,
                "status = 'QUEUED', next_attempt_at = '-infinity', lookups = 0, defer_reason = 'RETRY'",
                "sent again");
    }

    /** Settles an unresolved message of the caller's scope: what changes, and the operator's note (who did it). */
    private void resolve(long messageId, String changes, String note) {
        requireInScope(messageId);
        jdbc.update(
                "update sms_message set " + changes + ", error_message = ? where id = ? and status = 'UNRESOLVED'",
                note + ", by " + CurrentUser.name(),
                messageId);
    }

    private void requireInScope(long messageId) {
        List<Map<String, Object>> row =
                jdbc.queryForList("select region_code, status from sms_message where id = ?", messageId);
        String region = row.isEmpty() ? null : (String) row.get(0).get("region_code");
        CurrentUser.requireActing(region, Role.ADMIN, Role.CLERK);
        if (!"UNRESOLVED".equals(row.get(0).get("status"))) {
            throw new SmsException("sms.unresolved.notWaiting");
        }
    }
}
