package cn.canbao.dashboard;

import cn.canbao.bulletin.BulletinBand;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.dashboard.persistence.DashboardRefresh;
import cn.canbao.quota.Baseline;
import cn.canbao.quota.BaselineService;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionSummary;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The leaders' dashboard: reads a region's pre-aggregated figures (scoped to the caller's subtree) and refreshes
 * them for a campaign's county in a few set-based statements — after imports, after each cadence tick, nightly.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class DashboardService {

    private static final Logger log = LoggerFactory.getLogger(DashboardService.class);
    /** Days of SMS figures the dashboard shows, ending on the day of its figures. */
    static final int SMS_DAYS = 30;
    /** Who reads the dashboard of their own subtree (grid workers and volunteers have their worklists instead). */
    private static final Role[] READERS = {
        Role.ADMIN, Role.CLERK, Role.COUNTY_LEADER, Role.TOWNSHIP_LEADER, Role.VILLAGE_CADRE
    };

    private final JdbcClient jdbc;
    private final DashboardRefresh refresh;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final List<DashboardGrants> grants;
    private final BaselineService baseline;
    private final Clock clock;

    DashboardService(
            JdbcClient jdbc,
            DashboardRefresh refresh,
            CampaignService campaigns,
            RegionService regions,
            List<DashboardGrants> grants,
            BaselineService baseline,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.campaigns = campaigns;
        this.regions = regions;
        this.grants = grants;
        this.baseline = baseline;
    }

    /** The campaigns the caller can see, and those an assignment grants them (a cadre's, a supervisor's), newest first. */
    public List<Campaign> campaigns() {
        List<Campaign> visible = new ArrayList<>(campaigns.list());
        List<Long> granted = grants.stream()
                .flatMap(g -> g.grantedCampaigns().stream())
                .distinct()
                .filter(id -> visible.stream().noneMatch(c -> c.id() == id))
                .toList();
        if (!granted.isEmpty()) {
            // granted just now for this caller by the module that keeps the assignment
            visible.addAll(SystemAccess.call(() -> granted.stream()
                    .map(campaigns::find)
                    .flatMap(Optional::stream)
                    .toList()));
            visible.sort(Comparator.comparing(Campaign::year)
                    .thenComparing(Campaign::id)
                    .reversed());
        }
        return visible;
    }

    /**
     * The register's coverage in the caller's own region, for the dashboard before any campaign: the baseline of the
     * newest year with anyone insured there, the region's row and its children's; empty while the register holds no
     * enrollments of the region. For the dashboard's readers only.
     */
    public Optional<RegisterCoverage> registerCoverage() {
        String own = CurrentUser.require().regionCode();
        // before the region lookup: a township cadre's own region is out of their scope (they read only grants)
        CurrentUser.requireActing(own, READERS);
        Region region = regions.get(own);
        return baseline.latestCoveredYear(region.code()).map(year -> {
            List<Baseline> rows = baseline.table(region.code(), year);
            Baseline total = rows.stream()
                    .filter(b -> b.regionCode().equals(region.code()))
                    .findFirst()
                    .orElseThrow();
            List<Baseline> children = rows.stream()
                    .filter(b -> b != total)
                    .sorted(Comparator.comparing(Baseline::coverageRate)
                            .reversed()
                            .thenComparing(Baseline::regionCode))
                    .toList();
            return new RegisterCoverage(region, year, total, children);
        });
    }

    /**
     * Where the caller's dashboard of a campaign opens: the first region an assignment grants them in it, else their
     * own region when it lies in the county, else the county.
     */
    public String startRegion(long campaignId) {
        List<String> granted = grantedRegions(campaignId);
        if (!granted.isEmpty()) {
            return granted.get(0);
        }
        Campaign c = campaigns.get(campaignId);
        return regions.roots().stream()
                .map(RegionSummary::region)
                .map(Region::code)
                .filter(code -> inCounty(c, code))
                .findFirst()
                .orElse(c.countyCode());
    }

    /**
     * The regions an assignment grants the caller in a campaign (a cadre's villages, the county for a member of its
     * supervision team), with their names; empty for everyone else.
     */
    public List<Region> granted(long campaignId) {
        List<String> codes = grantedRegions(campaignId);
        if (codes.isEmpty()) {
            return List.of();
        }
        Map<String, Region> byCode = SystemAccess.call(() -> regions.byCode(codes));
        return codes.stream()
                .map(byCode::get)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private List<String> grantedRegions(long campaignId) {
        return grants.stream()
                .flatMap(g -> g.grantedRegions(campaignId).stream())
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * A region's dashboard in a campaign, as of the last refresh. The campaign and the region must be visible to
     * the caller — or lie in a region an assignment grants the caller in this campaign (a cadre's village, the
     * county for its supervision team), which is then read as the system with the breadcrumb starting there — and
     * the region must lie in the campaign's county.
     */
    public Dashboard dashboard(long campaignId, String regionCode) {
        String code = RegionService.requireWellFormed(regionCode);
        Optional<String> grant = grantedRegions(campaignId).stream()
                .filter(root -> within(code, root))
                .findFirst();
        if (grant.isPresent()) {
            return SystemAccess.call(() -> read(campaignId, code, grant.get()));
        }
        return read(campaignId, code, null);
    }

    /** Whether a code lies in the subtree of a region (itself included): codes carry their ancestors' digits. */
    private static boolean within(String code, String root) {
        return RegionLevel.ofCode(root)
                .map(level -> code.startsWith(level.prefixOf(root)))
                .orElse(false);
    }

    /** The dashboard as the caller sees it; with a granted root, the breadcrumb starts there. */
    private Dashboard read(long campaignId, String regionCode, String grantedRoot) {
        Campaign c = campaigns.get(campaignId);
        Region region = regions.get(regionCode);
        // the dashboard's readers (DashboardView's roles); a grant was checked by the module that keeps it
        CurrentUser.requireActing(region.code(), READERS);
        if (!inCounty(c, region.code())) {
            throw new DashboardException("dashboard.notInCounty", region.name(), c.countyName());
        }
        List<Region> breadcrumb = new ArrayList<>(regions.ancestorsInScope(region.code()).stream()
                .filter(r -> inCounty(c, r.code()) && (grantedRoot == null || within(r.code(), grantedRoot)))
                .toList());
        breadcrumb.add(region);
        Optional<LocalDate> asOf = jdbc.sql(
                        "select max(day) from dashboard_figure where campaign_id = ? and region_code = ?")
                .params(campaignId, region.code())
                .query(LocalDate.class)
                .optional();
        if (asOf.isEmpty()) {
            return new Dashboard(
                    c, region, breadcrumb, null, null, null, null, List.of(), List.of(), List.of(), List.of());
        }
        LocalDate day = asOf.get();
        BigDecimal expected = c.expectedCompletion(day);
        List<RegionFigures> unnamed = jdbc.sql("select f.* from dashboard_figure f "
                        + "where f.campaign_id = ? and f.day = ? and (f.region_code = ? or f.parent_code = ?)")
                .params(campaignId, day, region.code(), region.code())
                .query((rs, n) -> {
                    int target = rs.getInt("target");
                    int enrolled = rs.getInt("enrolled");
                    return new RegionFigures(
                            rs.getString("region_code"),
                            null,
                            RegionLevel.valueOf(rs.getString("level")),
                            rs.getInt("registered"),
                            rs.getInt("insured"),
                            rs.getInt("lapsed"),
                            target,
                            enrolled,
                            rs.getInt("outreach"),
                            rs.getInt("reminded"),
                            rs.getInt("visited"),
                            rs.getInt("promised"),
                            rs.getInt("paid"),
                            BulletinBand.of(
                                    RegionFigures.percent(enrolled, target, new BigDecimal("100.00")), expected));
                })
                .list();
        // named by the region module (the region and its children lie in the caller's scope)
        Map<String, String> names =
                regions.names(unnamed.stream().map(RegionFigures::regionCode).toList());
        List<RegionFigures> rows = unnamed.stream()
                .filter(r -> names.containsKey(r.regionCode()))
                .map(r -> r.named(names.get(r.regionCode())))
                .toList();
        RegionFigures total = rows.stream()
                .filter(r -> r.regionCode().equals(region.code()))
                .findFirst()
                .orElseThrow();
        List<RegionFigures> children = rows.stream()
                .filter(r -> r != total)
                .sorted(Comparator.comparing(RegionFigures::completion)
                        .reversed()
                        .thenComparing(Comparator.comparing(RegionFigures::coverageRate)
                                .reversed())
                        .thenComparing(RegionFigures::regionCode))
                .toList();
        Instant refreshedAt = jdbc.sql(
                        "select refreshed_at from dashboard_figure where campaign_id = ? and region_code = ? "
                                + "and day = ?")
                .params(campaignId, region.code(), day)
                .query(Timestamp.class)
                .single()
                .toInstant();
        return new Dashboard(
                c,
                region,
                breadcrumb,
                day,
                refreshedAt,
                expected,
                total,
                children,
                progress(c, region.code()),
                reasons(campaignId, region.code()),
                sms(region, day));
    }

    private List<ProgressPoint> progress(Campaign c, String regionCode) {
        return jdbc.sql("select day, target, enrolled from dashboard_figure where campaign_id = ? and region_code = ? "
                        + "order by day")
                .params(c.id(), regionCode)
                .query((rs, n) -> {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    return new ProgressPoint(day, rs.getInt(2), rs.getInt(3), c.expectedCompletion(day));
                })
                .list();
    }

    private List<ReasonCount> reasons(long campaignId, String regionCode) {
        return jdbc.sql("select reason, persons from dashboard_reason where campaign_id = ? and region_code = ? "
                        + "order by persons desc, reason")
                .params(campaignId, regionCode)
                .query((rs, n) -> new ReasonCount(rs.getString(1), rs.getInt(2)))
                .list();
    }

    private List<SmsDay> sms(Region region, LocalDate until) {
        String prefix = region.level().prefixOf(region.code());
        return jdbc.sql(
                        "select day, sum(sent), sum(delivered), sum(failed) from dashboard_sms where region_code like ? "
                                + "and day > ? and day <= ? group by day order by day")
                .params(prefix + "%", until.minusDays(SMS_DAYS), until)
                .query((rs, n) ->
                        new SmsDay(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }

    private static boolean inCounty(Campaign c, String code) {
        return code.startsWith(RegionLevel.COUNTY.prefixOf(c.countyCode()));
    }

    /**
     * Refreshes a campaign's figures for today (the application's clock: the engine's, in the counties' zone); returns
     * the regions written.
     */
    @Transactional
    public int refresh(long campaignId) {
        return refresh.campaign(campaignId, LocalDate.now(clock));
    }

    /** Refreshes a campaign's figures for a day (a cadence tick's); returns the regions written. */
    @Transactional
    public int refresh(long campaignId, LocalDate day) {
        return refresh.campaign(campaignId, day);
    }

    /**
     * A leader asks for fresh figures now: allowed to whoever sees the whole county of the campaign (a county
     * leader, clerk or admin), since the refresh covers it all.
     */
    @Transactional
    public int refreshNow(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        regions.get(c.countyCode());
        return refresh(campaignId);
    }

    /** Refreshes every campaign not closed (the nightly job), each in its own transaction; returns how many. */
    public int refreshOpenCampaigns() {
        List<Long> open = SystemAccess.call(campaigns::openIds);
        open.forEach(this::refreshSafely);
        return open.size();
    }

    /** Refreshes the campaigns not closed whose county lies in, above or below a region (an import's scope), each in its own transaction. */
    public void refreshCampaignsAround(String regionCode) {
        SystemAccess.call(() -> campaigns.openIdsAround(regionCode)).forEach(this::refreshSafely);
    }

    private void refreshSafely(long campaignId) {
        try {
            refresh.campaign(campaignId, LocalDate.now(clock));
        } catch (RuntimeException e) {
            log.error("Dashboard refresh of campaign {} failed; the figures stay as they were", campaignId, e);
        }
    }
}
