package cn.canbao.outreach.tally;

import cn.canbao.base.StoredMessage;
import cn.canbao.campaign.CampaignService;
import cn.canbao.outreach.OutreachException;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.RegisterCandidates.EnrollmentRecorded;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.UserService;
import cn.canbao.security.UserService.StaffMember;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grid-staff work tally (网格员工作量) per month for a region's grid workers, and the county's incentive tiers.
 * Counts are set-based over the month in China time; a worker's tier is the highest whose minima they reach. The
 * workers come from the users, the enrollments from the register and the campaigns' years from the campaigns, each
 * in one call; visits and corrections are outreach's own.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class WorkTallyService {

    /**
     * Used by counties that have not set their own tiers; named by messages (基础档, 良好档, 优秀档 in Chinese) shown in
     * the reader's language — a county's own tier names are its words and shown as it wrote them.
     */
    static final List<WorkTier> DEFAULT_TIERS = List.of(
            new WorkTier(1, StoredMessage.of("outreach.tally.tier.default1"), 0, 0, BigDecimal.ZERO),
            new WorkTier(2, StoredMessage.of("outreach.tally.tier.default2"), 10, 40, new BigDecimal("5.00")),
            new WorkTier(3, StoredMessage.of("outreach.tally.tier.default3"), 30, 100, new BigDecimal("8.00")));

    private final JdbcClient jdbc;
    private final RegionService regions;
    private final CurrentRegionScope scope;
    private final UserService users;
    private final RegisterCandidates register;
    private final CampaignService campaigns;
    private final Clock clock;

    WorkTallyService(
            JdbcClient jdbc,
            RegionService regions,
            CurrentRegionScope scope,
            UserService users,
            RegisterCandidates register,
            CampaignService campaigns,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
        this.users = users;
        this.register = register;
        this.campaigns = campaigns;
    }

    /** The month's tally of every grid worker in the region (which must be in the caller's scope), by grid. */
    public List<WorkTally> tally(String regionCode, YearMonth month) {
        Region region = regions.get(regionCode);
        List<WorkTier> tiers = tiers(countyOf(region.code()));
        Timestamp from =
                Timestamp.from(month.atDay(1).atStartOfDay(clock.getZone()).toInstant());
        Timestamp to = Timestamp.from(
                month.plusMonths(1).atDay(1).atStartOfDay(clock.getZone()).toInstant());
        List<StaffMember> workers = users.withRoleIn(region.code(), Role.GRID_WORKER);
        if (workers.isEmpty()) {
            return List.of();
        }
        String[] usernames = workers.stream().map(StaffMember::username).toArray(String[]::new);
        Counts counts = counts(usernames, from, to);
        Map<String, String> gridNames =
                regions.names(workers.stream().map(StaffMember::regionCode).toList());
        return workers.stream()
                .map(w -> withTier(
                        w.username(),
                        w.displayName(),
                        w.regionCode(),
                        gridNames.get(w.regionCode()),
                        counts.visits().getOrDefault(w.username(), 0),
                        counts.enrolled().getOrDefault(w.username(), 0),
                        counts.corrections().getOrDefault(w.username(), 0),
                        tiers))
                .toList();
    }

    /** Per worker: visits of the month, residents enrolled after their visit, corrections approved. */
    private record Counts(
            Map<String, Integer> visits, Map<String, Integer> enrolled, Map<String, Integer> corrections) {}

    /**
     * An enrollment that arrived in the month is credited to the last visit before it by one of the workers in a
     * campaign of the enrollment's year; a worker counts each resident once.
     */
    private Counts counts(String[] workers, Timestamp from, Timestamp to) {
        record Visited(String idNumber, long campaignId) {}
        List<Visited> visited = jdbc.sql("select distinct v.id_number, v.campaign_id from visit v "
                        + "where v.visited_by = any(?) and v.visited_at < ?")
                .params(workers, to)
                .query((rs, n) -> new Visited(rs.getString(1), rs.getLong(2)))
                .list();
        List<EnrollmentRecorded> changes = register.enrollmentsRecorded(
                visited.stream().map(Visited::idNumber).distinct().toList(), from.toInstant(), to.toInstant());
        List<Map.Entry<Long, Integer>> years = changes.isEmpty()
                ? List.of()
                : List.copyOf(campaigns
                        .years(visited.stream()
                                .map(Visited::campaignId)
                                .distinct()
                                .toList())
                        .entrySet());
        Map<String, Integer> visits = new HashMap<>();
        Map<String, Integer> enrolled = new HashMap<>();
        Map<String, Integer> corrections = new HashMap<>();
        jdbc.sql("""
                        with visits as (select v.visited_by, count(*) n from visit v where v.visited_by = any(?)
                                        and v.visited_at >= ? and v.visited_at < ? group by v.visited_by),
                        changes as (select * from unnest(?::bigint[], ?::char(18)[], ?::int[], ?::timestamptz[])
                                    as c(id, id_number, year, changed_at)),
                        years as (select * from unnest(?::bigint[], ?::int[]) as k(id, year)),
                        credited as (select distinct on (c.id) c.id, c.id_number, v.visited_by
                                     from visit v join years k on k.id = v.campaign_id
                                     join changes c on c.id_number = v.id_number and c.changed_at > v.visited_at
                                          and c.year = k.year
                                     where v.visited_by = any(?) and v.visited_at < ?
                                     order by c.id, v.visited_at desc),
                        enrolled as (select visited_by, count(distinct id_number) n from credited group by visited_by),
                        corrections as (select q.requested_by, count(*) n from correction_request q
                                        where q.requested_by = any(?) and q.status = 'APPROVED'
                                        and q.decided_at >= ? and q.decided_at < ? group by q.requested_by)
                        select 'V', visited_by, n from visits union all select 'E', visited_by, n from enrolled
                        union all select 'C', requested_by, n from corrections
                        """)
                .params(
                        workers,
                        from,
                        to,
                        changes.stream().map(EnrollmentRecorded::changeId).toArray(Long[]::new),
                        changes.stream().map(EnrollmentRecorded::idNumber).toArray(String[]::new),
                        changes.stream().map(EnrollmentRecorded::year).toArray(Integer[]::new),
                        changes.stream().map(c -> c.at().toString()).toArray(String[]::new),
                        years.stream().map(Map.Entry::getKey).toArray(Long[]::new),
                        years.stream().map(Map.Entry::getValue).toArray(Integer[]::new),
                        workers,
                        to,
                        workers,
                        from,
                        to)
                .query((rs, n) -> switch (rs.getString(1)) {
                    case "V" -> visits.put(rs.getString(2), rs.getInt(3));
                    case "E" -> enrolled.put(rs.getString(2), rs.getInt(3));
                    default -> corrections.put(rs.getString(2), rs.getInt(3));
                })
                .list();
        return new Counts(visits, enrolled, corrections);
    }

    private static WorkTally withTier(
            String user,
            String name,
            String grid,
            String gridName,
            int visits,
            int enrolled,
            int corrections,
            List<WorkTier> tiers) {
        WorkTier tier = tiers.stream()
                .filter(t -> enrolled >= t.minEnrolled() && visits >= t.minVisits())
                .max(Comparator.comparingInt(WorkTier::rank))
                .orElse(null);
        BigDecimal reward =
                tier == null ? BigDecimal.ZERO : tier.rewardPerEnrolled().multiply(BigDecimal.valueOf(enrolled));
        return new WorkTally(
                user, name, grid, gridName, visits, enrolled, corrections, tier == null ? "" : tier.name(), reward);
    }

    /** The county a region belongs to (codes below a county start with its six significant digits). */
    public static String countyOf(String regionCode) {
        return RegionLevel.COUNTY.prefixOf(regionCode) + "000000";
    }

    /** The county's tiers, lowest first (the defaults when it has set none). */
    public List<WorkTier> tiers(String countyCode) {
        List<WorkTier> own = jdbc.sql("select rank, name, min_enrolled, min_visits, reward_per_enrolled from work_tier "
                        + "where county_code = ? order by rank")
                .param(countyCode)
                .query((rs, n) ->
                        new WorkTier(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getBigDecimal(5)))
                .list();
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
            if (t.rank() != i + 1
                    || t.name() == null
                    || t.name().isBlank()
                    || t.minEnrolled() < 0
                    || t.minVisits() < 0
                    || t.rewardPerEnrolled() == null
                    || t.rewardPerEnrolled().signum() < 0) {
                throw new OutreachException("outreach.tally.badTier", i + 1);
            }
            if (i > 0
                    && (t.minEnrolled() < sorted.get(i - 1).minEnrolled()
                            || t.minVisits() < sorted.get(i - 1).minVisits())) {
                throw new OutreachException(
                        "outreach.tally.tierOrder",
                        StoredMessage.parse(t.name()).<Object>map(m -> m).orElse(t.name()));
            }
        }
        jdbc.sql("delete from work_tier where county_code = ?")
                .param(countyCode)
                .update();
        for (WorkTier t : sorted) {
            jdbc.sql("insert into work_tier (county_code, rank, name, min_enrolled, min_visits, reward_per_enrolled, "
                            + "updated_by) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            countyCode,
                            t.rank(),
                            t.name().strip(),
                            t.minEnrolled(),
                            t.minVisits(),
                            t.rewardPerEnrolled(),
                            CurrentUser.name())
                    .update();
        }
    }
}
