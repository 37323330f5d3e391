package cn.canbao.dashboard;

import cn.canbao.bulletin.BulletinBand;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionSummary;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private final JdbcClient jdbc;
    private final DashboardRefresh refresh;
    private final CampaignService campaigns;
    private final RegionService regions;

    DashboardService(JdbcClient jdbc, DashboardRefresh refresh, CampaignService campaigns, RegionService regions) {
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.campaigns = campaigns;
        this.regions = regions;
    }

    /** The campaigns the caller can see, newest first. */
    public List<Campaign> campaigns() {
        return campaigns.list();
    }

    /** Where the caller's dashboard of a campaign opens: their own region when it lies in the county, else the county. */
    public String startRegion(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        return regions.roots().stream().map(RegionSummary::region).map(Region::code)
                .filter(code -> inCounty(c, code)).findFirst().orElse(c.countyCode());
    }

    /**
     * A region's dashboard in a campaign, as of the last refresh. The campaign and the region must be visible to
     * the caller and the region must lie in the campaign's county.
     */
    public Dashboard dashboard(long campaignId, String regionCode) {
        Campaign c = campaigns.get(campaignId);
        Region region = regions.get(regionCode);
        if (!inCounty(c, region.code())) {
            throw new DashboardException("dashboard.notInCounty", region.name(), c.countyName());
        }
        List<Region> breadcrumb = new ArrayList<>(regions.ancestorsInScope(region.code()).stream()
                .filter(r -> inCounty(c, r.code())).toList());
        breadcrumb.add(region);
        Optional<LocalDate> asOf = jdbc.sql("select max(day) from dashboard_figure where campaign_id = ? and region_code = ?")
                .params(campaignId, region.code()).query(LocalDate.class).optional();
        if (asOf.isEmpty()) {
            return new Dashboard(c, region, breadcrumb, null, null, null, null, List.of(), List.of(), List.of(), List.of());
        }
        LocalDate day = asOf.get();
        BigDecimal expected = c.expectedCompletion(day);
        List<RegionFigures> unnamed = jdbc.sql("select f.* from dashboard_figure f "
                        + "where f.campaign_id = ? and f.day = ? and (f.region_code = ? or f.parent_code = ?)")
                .params(campaignId, day, region.code(), region.code())
                .query((rs, n) -> {
                    int target = rs.getInt("target");
                    int enrolled = rs.getInt("enrolled");
                    return new RegionFigures(rs.getString("region_code"), null,
                            RegionLevel.valueOf(rs.getString("level")), rs.getInt("registered"), rs.getInt("insured"),
                            rs.getInt("lapsed"), target, enrolled, rs.getInt("outreach"), rs.getInt("reminded"),
                            rs.getInt("visited"), rs.getInt("promised"), rs.getInt("paid"),
                            BulletinBand.of(RegionFigures.percent(enrolled, target, new BigDecimal("100.00")), expected));
                }).list();
        // named by the region module (the region and its children lie in the caller's scope)
        Map<String, String> names = regions.names(unnamed.stream().map(RegionFigures::regionCode).toList());
        List<RegionFigures> rows = unnamed.stream().filter(r -> names.containsKey(r.regionCode()))
                .map(r -> r.named(names.get(r.regionCode()))).toList();
        RegionFigures total = rows.stream().filter(r -> r.regionCode().equals(region.code())).findFirst().orElseThrow();
        List<RegionFigures> children = rows.stream().filter(r -> r != total)
                .sorted(Comparator.comparing(RegionFigures::completion).reversed()
                        .thenComparing(Comparator.comparing(RegionFigures::coverageRate).reversed())
                        .thenComparing(RegionFigures::regionCode))
                .toList();
        Instant refreshedAt = jdbc.sql("select refreshed_at from dashboard_figure where campaign_id = ? and region_code = ? "
                        + "and day = ?").params(campaignId, region.code(), day).query(Timestamp.class).single().toInstant();
        return new Dashboard(c, region, breadcrumb, day, refreshedAt, expected, total, children,
                progress(c, region.code()), reasons(campaignId, region.code()), sms(region, day));
    }

    private List<ProgressPoint> progress(Campaign c, String regionCode) {
        return jdbc.sql("select day, target, enrolled from dashboard_figure where campaign_id = ? and region_code = ? "
                        + "order by day")
                .params(c.id(), regionCode)
                .query((rs, n) -> {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    return new ProgressPoint(day, rs.getInt(2), rs.getInt(3), c.expectedCompletion(day));
                }).list();
    }

    private List<ReasonCount> reasons(long campaignId, String regionCode) {
        return jdbc.sql("select reason, persons from dashboard_reason where campaign_id = ? and region_code = ? "
                        + "order by persons desc, reason")
                .params(campaignId, regionCode).query((rs, n) -> new ReasonCount(rs.getString(1), rs.getInt(2))).list();
    }

    private List<SmsDay> sms(Region region, LocalDate until) {
        String prefix = region.level().prefixOf(region.code());
        return jdbc.sql("select day, sum(sent), sum(delivered), sum(failed) from dashboard_sms where region_code like ? "
                        + "and day > ? and day <= ? group by day order by day")
                .params(prefix + "%", until.minusDays(SMS_DAYS), until)
                .query((rs, n) -> new SmsDay(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }

    private static boolean inCounty(Campaign c, String code) {
        return code.startsWith(RegionLevel.COUNTY.prefixOf(c.countyCode()));
    }

    /** Refreshes a campaign's figures for today (China time, the engine's clock); returns the regions written. */
    @Transactional
    public int refresh(long campaignId) {
        return refresh.campaign(campaignId, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), CampaignService.ZONE));
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
            refresh.campaign(campaignId, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), CampaignService.ZONE));
        } catch (RuntimeException e) {
            log.error("Dashboard refresh of campaign {} failed; the figures stay as they were", campaignId, e);
        }
    }
}
