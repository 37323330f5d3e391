package cn.canbao.sms;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox counted for other modules' figures (the dashboard's), each in one statement over the messages, so
 * nobody else reads them. The system sees every message, a user those of their region (as {@link SmsReports}).
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
public class SmsCounts {

    private final JdbcClient jdbc;
    private final CurrentRegionScope scope;
    private final Clock clock;

    SmsCounts(JdbcClient jdbc, CurrentRegionScope scope, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** A region's messages of a local day, counted as the SMS page counts them. */
    public record RegionDay(String regionCode, LocalDate day, int sent, int delivered, int failed, int skipped) {}

    /**
     * Messages per region (grid or village of the resident) and local day — by when they went out, or were
     * recorded if they never did — of all campaigns; messages without a region are left out.
     */
    public List<RegionDay> byRegionAndDay() {
        return byRegionAndDay(scope.get().codePrefix());
    }

    /**
     * As {@link #byRegionAndDay()}, for the regions under a code prefix (a county's: its dashboard's refresh), within
     * the caller's scope.
     */
    public List<RegionDay> byRegionAndDayUnder(String codePrefix) {
        String within = scope.get().codePrefix();
        return codePrefix.startsWith(within)
                ? byRegionAndDay(codePrefix)
                : within.startsWith(codePrefix) ? byRegionAndDay(within) : List.of();
    }

    private List<RegionDay> byRegionAndDay(String prefix) {
        return jdbc.sql("""
                        select region_code, (coalesce(accepted_at, status_at, created_at) at time zone :zone)::date,
                               count(*) filter (where status in ('ACCEPTED', 'SENT', 'DELIVERED', 'UNDELIVERED')),
                               count(*) filter (where status = 'DELIVERED'),
                               count(*) filter (where status in ('FAILED', 'UNDELIVERED')),
                               count(*) filter (where status = 'SKIPPED')
                        from sms_message where region_code like :prefix || '%' group by 1, 2
                        """)
                .param("zone", clock.getZone().getId())
                .param("prefix", prefix)
                .query((rs, n) -> new RegionDay(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getInt(6)))
                .list();
    }

    /** The ID numbers a campaign texted (any message not skipped, whatever came of it). */
    public Set<String> textedIn(long campaignId) {
        RegionScope s = scope.get();
        return new HashSet<>(jdbc.sql("select distinct id_number from sms_message where campaign_id = ? "
                        + "and status <> 'SKIPPED' and (? or region_code like ? || '%')")
                .params(campaignId, s.unrestricted(), s.codePrefix())
                .query(String.class)
                .list());
    }
}
