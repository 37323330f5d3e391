package cn.canbao.outreach;

import cn.canbao.campaign.CampaignService;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The grid-staff work tally (网格员工作量) per month for a region's grid workers, and the county's incentive tiers.
 * Counts are set-based over the month in China time; a worker's tier is the highest whose minima they reach.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class WorkTallyService {

    /** Used by counties that have not set their own tiers. */
    static final List<WorkTier> DEFAULT_TIERS = List.of(
            new WorkTier(1, "基础档", 0, 0, BigDecimal.ZERO),
            new WorkTier(2, "良好档", 10, 40, new BigDecimal("5.00")),
            new WorkTier(3, "优秀档", 30, 100, new BigDecimal("8.00")));

    private final JdbcClient jdbc;
    private final RegionService regions;
    private final CurrentRegionScope scope;

    WorkTallyService(JdbcClient jdbc, RegionService regions, CurrentRegionScope scope) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
    }

    /** The month's tally of every grid worker in the region (which must be in the caller's scope), by grid. */
    public List<WorkTally> tally(String regionCode, YearMonth month) {
        Region region = regions.get(regionCode);
        List<WorkTier> tiers = tiers(countyOf(region.code()));
        Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(CampaignService.ZONE).toInstant());
        Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(CampaignService.ZONE).toInstant());
        return jdbc.sql("""
                        with w as (select u.username, u.display_name, u.region_code from app_user u
                                   join app_user_role r on r.username = u.username and r.role = 'GRID_WORKER'
                                   where u.region_code like :prefix),
                        visits as (select v.visited_by, count(*) n from visit v join w on w.username = v.visited_by
                                   where v.visited_at >= :from and v.visited_at < :to group by v.visited_by),
                        credited as (select distinct on (c.id) c.id, c.id_number, v.visited_by
                                     from visit v join w on w.username = v.visited_by
                                     join campaign k on k.id = v.campaign_id
                                     join person_change c on c.id_number = v.id_number and c.field = 'enrollment'
                                          and c.old_value is null and c.changed_at > v.visited_at
                                          and c.changed_at >= :from and c.changed_at < :to
                                          and split_part(c.new_value, ' ', 1) = k.year::text
                                     where v.visited_at < :to
                                     order by c.id, v.visited_at desc),
                        enrolled as (select visited_by, count(distinct id_number) n from credited group by visited_by),
                        corrections as (select q.requested_by, count(*) n from correction_request q
                                        join w on w.username = q.requested_by where q.status = 'APPROVED'
                                        and q.decided_at >= :from and q.decided_at < :to group by q.requested_by)
                        select w.username, w.display_name, w.region_code, g.name grid_name, coalesce(v.n, 0) visits,
                               coalesce(e.n, 0) enrolled, coalesce(c.n, 0) corrections
                        from w left join region g on g.code = w.region_code
                        left join visits v on v.visited_by = w.username left join enrolled e on e.visited_by = w.username
                        left join corrections c on c.requested_by = w.username
                        order by w.region_code, w.username
                        """)
                .param("prefix", RegionScope.of(region).codePrefix() + "%").param("from", from).param("to", to)
                .query((rs, n) -> withTier(rs.getString("username"), rs.getString("display_name"),
                        rs.getString("region_code"), rs.getString("grid_name"), rs.getInt("visits"),
                        rs.getInt("enrolled"), rs.getInt("corrections"), tiers))
                .list();
    }

    private static WorkTally withTier(String user, String name, String grid, String gridName, int visits, int enrolled,
                                      int corrections, List<WorkTier> tiers) {
        WorkTier tier = tiers.stream().filter(t -> enrolled >= t.minEnrolled() && visits >= t.minVisits())
                .max(Comparator.comparingInt(WorkTier::rank)).orElse(null);
        BigDecimal reward = tier == null ? BigDecimal.ZERO : tier.rewardPerEnrolled().multiply(BigDecimal.valueOf(enrolled));
        return new WorkTally(user, name, grid, gridName, visits, enrolled, corrections, tier == null ? "" : tier.name(),
                reward);
    }

    /** The county a region belongs to (codes below a county start with its six significant digits). */
    public static String countyOf(String regionCode) {
        return RegionLevel.COUNTY.prefixOf(regionCode) + "000000";
    }

    /** The county's tiers, lowest first (the defaults when it has set none). */
    public List<WorkTier> tiers(String countyCode) {
        List<WorkTier> own = jdbc.sql("select rank, name, min_enrolled, min_visits, reward_per_enrolled from work_tier "
                        + "where county_code = ? order by rank").param(countyCode)
                .query((rs, n) -> new WorkTier(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getBigDecimal(5))).list();
        return own.isEmpty() ? DEFAULT_TIERS : own;
    }

    /**
     * Replaces the county's tiers (county leaders and clerks of that county). Refused unless ranked 1… in order,
     * named, and each tier's minima at least the previous tier's.
     */
    @Transactional
    public void saveTiers(String countyCode, List<WorkTier> tiers) {
        Region county = regions.get(countyCode);
        if (county.level() != RegionLevel.COUNTY) {
            throw new OutreachException("outreach.tally.notCounty", countyCode);
        }
        if (tiers.isEmpty()) {
            throw new OutreachException("outreach.tally.noTiers");
        }
        List<WorkTier> sorted = new ArrayList<>(tiers);
        sorted.sort(Comparator.comparingInt(WorkTier::rank));
        for (int i = 0; i < sorted.size(); i++) {
            WorkTier t = sorted.get(i);
            if (t.rank() != i + 1 || t.name() == null || t.name().isBlank() || t.minEnrolled() < 0 || t.minVisits() < 0
                    || t.rewardPerEnrolled() == null || t.rewardPerEnrolled().signum() < 0) {
                throw new OutreachException("outreach.tally.badTier", i + 1);
            }
            if (i > 0 && (t.minEnrolled() < sorted.get(i - 1).minEnrolled() || t.minVisits() < sorted.get(i - 1).minVisits())) {
                throw new OutreachException("outreach.tally.tierOrder", t.name());
            }
        }
        jdbc.sql("delete from work_tier where county_code = ?").param(countyCode).update();
        for (WorkTier t : sorted) {
            jdbc.sql("insert into work_tier (county_code, rank, name, min_enrolled, min_visits, reward_per_enrolled, "
                            + "updated_by) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(countyCode, t.rank(), t.name().strip(), t.minEnrolled(), t.minVisits(), t.rewardPerEnrolled(),
                            CurrentUser.name()).update();
        }
    }
}
