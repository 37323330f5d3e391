package cn.canbao.sms;

import cn.canbao.base.database.Timestamps;
import cn.canbao.register.RegisterHistories;
import cn.canbao.register.RegisterService;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.sms.dispatch.ProviderStatuses;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people and the provider tell us about messages: opt-outs (a resident's reply, a grid worker, a
 * clerk), delivery status from Twilio's callbacks, and the latest message per person for worklists.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class SmsService {

    private static final Logger log = LoggerFactory.getLogger(SmsService.class);
    /** Replies that mean "no more messages", compared trimmed and case-insensitively. */
    static final Set<String> STOP_WORDS = Set.of("退订", "td", "stop", "t", "unsubscribe", "取消", "停止");

    private final JdbcTemplate jdbc;
    private final RegisterService register;
    private final RegisterHistories histories;

    SmsService(JdbcTemplate jdbc, RegisterService register, RegisterHistories histories) {
        this.jdbc = jdbc;
        this.register = register;
        this.histories = histories;
    }

    /**
     * A grid worker or clerk records that the resident wants no more SMS: the register's flag (with its
     * change-log row), an opt-out row with source and who, and the person's queued messages skipped. The
     * person must lie in the caller's subtree. Returns false when they had opted out already.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER')")
    public boolean optOut(String idNumber, String source, String by) {
        OptOutSource how = source(source);
        String id = IdNumber.of(idNumber).value();
        if (!register.optOutOfSms(id, by)) {
            return false;
        }
        recordOptOuts(List.of(id), how, by);
        return true;
    }

    /** A reply 退订 / TD / STOP (trimmed, any case) from a number: opts out every resident with that mobile. */
    static boolean isStopWord(String body) {
        return body != null && STOP_WORDS.contains(body.trim().toLowerCase(Locale.ROOT));
    }

    /** Records an inbound reply once (by the provider's id) and opts out its sender when it says so. */
    @Transactional
    public int inbound(String providerSid, String from, String body) {
        boolean stop = isStopWord(body);
        Optional<String> mobile = MobileNumber.normalise(from);
        List<String> persons = stop && mobile.isPresent()
                ? register.optOutOfSmsByMobile(mobile.get(), "sms-reply:" + MobileNumber.mask(mobile.get()))
                : List.of();
        int inserted = jdbc.update(
                "insert into sms_inbound (provider_sid, from_mobile, body, opt_out, persons) "
                        + "values (?,?,?,?,?) on conflict (provider_sid) do nothing",
                providerSid,
                from == null ? "" : from,
                body == null ? "" : body,
                stop,
                persons.size());
        if (inserted > 0) {
            recordOptOuts(persons, OptOutSource.SMS_REPLY, "sms-reply");
        }
        return persons.size();
    }

    /** A delivery status from the provider's callback; never moves a message back (delivered stays delivered). */
    @Transactional
    public boolean statusCallback(String providerSid, String providerStatus, Integer errorCode, String errorMessage) {
        boolean known = ProviderStatuses.apply(jdbc, providerSid, providerStatus, errorCode, errorMessage);
        if (!known) {
            log.info(
                    "status callback for {} ({}) before its send was recorded: kept until it is",
                    providerSid,
                    providerStatus);
        }
        return known;
    }

    /**
     * A delivery receipt of a provider that names our message by the OutId we sent it with ({@code canbao-sms-<id>},
     * Alibaba Cloud): delivered or not, with the carrier's code; never moves a message back. The provider's own id
     * replaces one we had to make up when we found the message by lookup. False for an OutId that is not ours.
     */
    @Transactional
    public boolean receipt(String outId, String providerSid, boolean delivered, String errorCode, String errorMessage) {
        Long id = outId != null && outId.matches("canbao-sms-[0-9]{1,18}") ? Long.valueOf(outId.substring(11)) : null;
        List<String> current = id == null
                ? List.of()
                : jdbc.queryForList("select status from sms_message where id = ? for update", String.class, id);
        if (current.isEmpty()) {
            log.warn("delivery receipt for unknown message {}", outId);
            return false;
        }
        SmsStatus status = delivered ? SmsStatus.DELIVERED : SmsStatus.UNDELIVERED;
        // a receipt is final: a second or late one (the provider pushes again when unsure) changes nothing
        if (SmsStatus.valueOf(current.get(0)).rank() >= status.rank()
                || SmsStatus.valueOf(current.get(0)) == SmsStatus.SKIPPED) {
            return true;
        }
        String error = delivered
                ? null
                : ((errorCode == null ? "" : errorCode) + (errorMessage == null ? "" : ": " + errorMessage));
        jdbc.update(
                "update sms_message set status = ?, status_at = now(), error_message = coalesce(?, error_message), "
                        + "provider_sid = case when cast(? as varchar) is not null and (provider_sid is null or provider_sid like "
                        + "'aliyun-out:%') then cast(? as varchar) else provider_sid end where id = ?",
                status.name(),
                error == null ? null : error.substring(0, Math.min(500, error.length())),
                providerSid,
                providerSid,
                id);
        return true;
    }

    /** The latest message to each of the persons (one query), for the outreach worklist. */
    public Map<String, LatestSms> latest(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .query(
                        "select distinct on (id_number) id_number, id, template_key, status, skip_reason, created_at, "
                                + "status_at from sms_message where id_number = any(?::bpchar[]) order by id_number, created_at desc, id desc",
                        (rs, n) -> new LatestSms(
                                rs.getString("id_number"),
                                rs.getLong("id"),
                                rs.getString("template_key"),
                                SmsStatus.valueOf(rs.getString("status")),
                                rs.getString("skip_reason") == null
                                        ? null
                                        : SkipReason.valueOf(rs.getString("skip_reason")),
                                rs.getTimestamp("created_at").toInstant(),
                                Timestamps.instant(rs.getTimestamp("status_at"))),
                        (Object) idNumbers.toArray(String[]::new))
                .stream()
                .collect(Collectors.toMap(LatestSms::idNumber, Function.identity()));
    }

    private void recordOptOuts(List<String> idNumbers, OptOutSource source, String by) {
        if (idNumbers.isEmpty()) {
            return;
        }
        String[] ids = idNumbers.toArray(String[]::new);
        // where each resident lives, from the register in one call: the opt-out is filed under that region
        Map<String, String> regions = histories.finestRegions(idNumbers);
        List<String> known = idNumbers.stream().filter(regions::containsKey).toList();
        jdbc.update(
                "insert into sms_opt_out (id_number, region_code, source, recorded_by) select id_number, region_code, "
                        + "?, ? from unnest(?::bpchar[], ?::varchar[]) o(id_number, region_code)",
                source.name(),
                by,
                known.toArray(String[]::new),
                known.stream().map(regions::get).toArray(String[]::new));
        jdbc.update(
                "update sms_message set status = 'SKIPPED', skip_reason = 'OPTED_OUT', status_at = now() "
                        + "where id_number = any(?::bpchar[]) and status = 'QUEUED'",
                (Object) ids);
    }

    private static OptOutSource source(String source) {
        try {
            return OptOutSource.valueOf(source == null ? "" : source.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SmsException("sms.optOut.badSource", source);
        }
    }
}
