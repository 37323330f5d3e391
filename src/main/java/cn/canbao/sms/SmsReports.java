package cn.canbao.sms;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterHistories;
import cn.canbao.register.person.IdNumber;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What leaders and clerks see of SMS in their subtree: per day, per township, the backlog, the opt-outs. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
public class SmsReports {

    private static final String COUNTS =
            "count(*) filter (where status in ('ACCEPTED', 'SENT', 'DELIVERED', 'UNDELIVERED')), "
                    + "count(*) filter (where status = 'DELIVERED'), count(*) filter (where status in ('FAILED', 'UNDELIVERED')), "
                    + "count(*) filter (where status = 'SKIPPED')";

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final RegionService regions;
    private final RegisterHistories register;
    private final Clock clock;

    SmsReports(
            JdbcTemplate jdbc,
            CurrentRegionScope scope,
            RegionService regions,
            RegisterHistories register,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scope = scope;
        this.regions = regions;
        this.register = register;
    }

    /** Per local day from {@code from} on, oldest first; days without messages are left out. */
    public List<SmsFigures.Tally> daily(LocalDate from) {
        ZoneId zone = clock.getZone();
        return jdbc.query(
                "select d::text, d::text, " + COUNTS + " from (select status, "
                        + "(coalesce(accepted_at, status_at, created_at) at time zone ?)::date d from sms_message "
                        + "where region_code like ? and coalesce(accepted_at, status_at, created_at) >= ?) m "
                        + "group by d order by d",
                TALLY,
                zone.getId(),
                prefix(),
                from.atStartOfDay(zone).toInstant().atOffset(java.time.ZoneOffset.UTC));
    }

    /** Per township of the caller's subtree (a township's user sees their own), by code. */
    public List<SmsFigures.Tally> byTownship(LocalDate from) {
        List<SmsFigures.Tally> tallies = jdbc.query(
                "select t.code, t.code, " + COUNTS + " from (select status, "
                        + "left(region_code, 9) || '000' code from sms_message where region_code like ? "
                        + "and coalesce(accepted_at, status_at, created_at) >= ?) t group by t.code order by t.code",
                TALLY,
                prefix(),
                from.atStartOfDay(clock.getZone()).toInstant().atOffset(java.time.ZoneOffset.UTC));
        // the townships' names from the region module, in one call; a code without a region shows as itself
        Map<String, String> names =
                regions.names(tallies.stream().map(SmsFigures.Tally::key).toList());
        return tallies.stream()
                .map(t -> new SmsFigures.Tally(
                        t.key(),
                        names.getOrDefault(t.key(), t.key()),
                        t.sent(),
                        t.delivered(),
                        t.failed(),
                        t.skipped()))
                .toList();
    }

    public SmsFigures.Backlog backlog() {
        return jdbc.queryForObject(
                "select count(*) filter (where status = 'QUEUED' and next_attempt_at <= now()), "
                        + "count(*) filter (where status = 'QUEUED' and next_attempt_at > now()), "
                        + "count(*) filter (where status = 'SENDING'), min(created_at) from sms_message "
                        + "where status in ('QUEUED', 'SENDING') and region_code like ?",
                (rs, n) -> new SmsFigures.Backlog(
                        rs.getInt(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getTimestamp(4) == null
                                ? null
                                : rs.getTimestamp(4)
                                        .toInstant()
                                        .atZone(clock.getZone())
                                        .toLocalDate()),
                prefix());
    }

    /** The newest opt-outs of the subtree and how many there are in all. */
    public List<SmsFigures.OptOut> optOuts(int limit) {
        record Row(String idNumber, OptOutSource source, String recordedBy, java.time.Instant recordedAt) {}
        List<Row> rows = jdbc.query(
                "select o.id_number, o.source, o.recorded_by, o.recorded_at from sms_opt_out o "
                        + "where o.region_code like ? order by o.recorded_at desc, o.id desc limit ?",
                (rs, n) -> new Row(
                        rs.getString(1),
                        OptOutSource.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                prefix(),
                Math.max(1, Math.min(500, limit)));
        // the residents' names from the register, in one call
        Map<String, String> names =
                register.names(rows.stream().map(Row::idNumber).toList());
        return rows.stream()
                .map(r -> new SmsFigures.OptOut(
                        IdNumber.mask(r.idNumber()),
                        names.get(r.idNumber()),
                        r.source(),
                        r.recordedBy(),
                        r.recordedAt()))
                .toList();
    }

    public int optOutCount() {
        Integer n = jdbc.queryForObject(
                "select count(*) from sms_opt_out where region_code like ?", Integer.class, prefix());
        return n == null ? 0 : n;
    }

    private String prefix() {
        return scope.get().codePrefix() + "%";
    }

    private static final RowMapper<SmsFigures.Tally> TALLY = (rs, n) -> new SmsFigures.Tally(
            rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
}
