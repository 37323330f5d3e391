package cn.canbao.sms;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.register.IdNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** What leaders and clerks see of SMS in their subtree: per day, per township, the backlog, the opt-outs. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
public class SmsReports {

    private static final String COUNTS = "count(*) filter (where status in ('ACCEPTED', 'SENT', 'DELIVERED', 'UNDELIVERED')), "
            + "count(*) filter (where status = 'DELIVERED'), count(*) filter (where status in ('FAILED', 'UNDELIVERED')), "
            + "count(*) filter (where status = 'SKIPPED')";

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final SmsSettings settings;

    SmsReports(JdbcTemplate jdbc, CurrentRegionScope scope, SmsSettings settings) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.settings = settings;
    }

    /** Per local day from {@code from} on, oldest first; days without messages are left out. */
    public List<SmsFigures.Tally> daily(LocalDate from) {
        ZoneId zone = settings.zone();
        return jdbc.query("select d::text, d::text, " + COUNTS + " from (select status, "
                        + "(coalesce(accepted_at, status_at, created_at) at time zone ?)::date d from sms_message "
                        + "where region_code like ? and coalesce(accepted_at, status_at, created_at) >= ?) m "
                        + "group by d order by d",
                TALLY, zone.getId(), prefix(), from.atStartOfDay(zone).toInstant().atOffset(java.time.ZoneOffset.UTC));
    }

    /** Per township of the caller's subtree (a township's user sees their own), by code. */
    public List<SmsFigures.Tally> byTownship(LocalDate from) {
        return jdbc.query("select t.code, coalesce(r.name, t.code), " + COUNTS + " from (select status, "
                        + "left(region_code, 9) || '000' code from sms_message where region_code like ? "
                        + "and coalesce(accepted_at, status_at, created_at) >= ?) t left join region r on r.code = t.code "
                        + "group by t.code, r.name order by t.code",
                TALLY, prefix(), from.atStartOfDay(settings.zone()).toInstant().atOffset(java.time.ZoneOffset.UTC));
    }

    public SmsFigures.Backlog backlog() {
        return jdbc.queryForObject("select count(*) filter (where status = 'QUEUED' and next_attempt_at <= now()), "
                        + "count(*) filter (where status = 'QUEUED' and next_attempt_at > now()), "
                        + "count(*) filter (where status = 'SENDING'), min(created_at) from sms_message "
                        + "where status in ('QUEUED', 'SENDING') and region_code like ?",
                (rs, n) -> new SmsFigures.Backlog(rs.getInt(1), rs.getInt(2), rs.getInt(3),
                        rs.getTimestamp(4) == null ? null
                                : rs.getTimestamp(4).toInstant().atZone(settings.zone()).toLocalDate()),
                prefix());
    }

    /** The newest opt-outs of the subtree and how many there are in all. */
    public List<SmsFigures.OptOut> optOuts(int limit) {
        return jdbc.query("select o.id_number, p.name, o.source, o.recorded_by, o.recorded_at from sms_opt_out o "
                        + "left join person p on p.id_number = o.id_number where o.region_code like ? "
                        + "order by o.recorded_at desc, o.id desc limit ?",
                (rs, n) -> new SmsFigures.OptOut(IdNumber.mask(rs.getString(1)), rs.getString(2),
                        OptOutSource.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant()),
                prefix(), Math.max(1, Math.min(500, limit)));
    }

    public int optOutCount() {
        Integer n = jdbc.queryForObject("select count(*) from sms_opt_out where region_code like ?", Integer.class,
                prefix());
        return n == null ? 0 : n;
    }

    private String prefix() {
        return scope.get().codePrefix() + "%";
    }

    private static final RowMapper<SmsFigures.Tally> TALLY = (rs, n) -> new SmsFigures.Tally(rs.getString(1),
            rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));

}
