package cn.canbao.outreach;

import cn.canbao.ProcessTestSupport;
import cn.canbao.base.CanbaoClock;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.campaign.TestCampaigns;
import cn.canbao.region.RegionService;
import cn.canbao.region.TestCounty;
import cn.canbao.register.ImportTestSupport;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An outreach test's campaign: started by its county leader and moved on to implementation (where outreach may
 * start), and ended afterwards: other tests count the tasks of the demo townships, so no case process of a test's
 * campaign (nor the campaign's own) may outlive it.
 */
@Component
public class OutreachCampaigns {

    private final JdbcTemplate jdbc;
    private final ProcessTestSupport processes;
    private final CampaignService campaigns;
    private final TestCampaigns testCampaigns;
    private final RegionService regions;
    private final SecurityTestSupport security;
    private final ImportTestSupport importer;
    private final OutreachStarter starter;

    OutreachCampaigns(
            JdbcTemplate jdbc,
            ProcessTestSupport processes,
            CampaignService campaigns,
            TestCampaigns testCampaigns,
            RegionService regions,
            SecurityTestSupport security,
            ImportTestSupport importer,
            OutreachStarter starter) {
        this.jdbc = jdbc;
        this.processes = processes;
        this.campaigns = campaigns;
        this.testCampaigns = testCampaigns;
        this.regions = regions;
        this.security = security;
        this.importer = importer;
        this.starter = starter;
    }

    /** A household of two in a running outreach campaign: its grid's worker and the two members' ID numbers. */
    public record Household(Campaign campaign, String worker, String head, String spouse) {}

    /**
     * A new county ({@code countyCode}, one township, one village and grid) whose only household (户主 {@code
     * label}甲, 配偶 {@code label}乙) is uninsured, and its outreach started in a campaign of {@code year}: one visit
     * task for the household in the grid worker's list. Users are {@code clerk.<tag>}, {@code leader.<tag>}, {@code
     * grid.<tag>}. End the campaign afterwards ({@link #end}).
     */
    public Household householdOfTwo(String countyCode, String label, String tag, int year) {
        TestCounty area = new TestCounty(countyCode);
        String grid = area.grid(1, 1);
        area.create(regions, label + "测试县", new TestCounty.Township(label + "镇", label + "一村"));
        String clerk = security.ensureUser("clerk." + tag, area.code(), Role.CLERK);
        String leader = security.ensureUser("leader." + tag, area.code(), Role.COUNTY_LEADER);
        String worker = security.ensureUser("grid." + tag, grid, Role.GRID_WORKER);
        String head = TestIds.id(countyCode, LocalDate.of(1958, 6, 7), 51);
        String spouse = TestIds.id(countyCode, LocalDate.of(1960, 8, 9), 62);
        importer.register(
                clerk,
                PoliceExtract.registeredOn("2000-01-01")
                        .inHousehold(head, label + "甲", grid, "H0001", "户主")
                        .inHousehold(spouse, label + "乙", grid, "H0001", "配偶"));
        Campaign campaign = outreachStarted(leader, label + "测试", year, area.code());
        return new Household(campaign, worker, head, spouse);
    }

    /**
     * One resident ({@code name}) living in the grid, registered by the clerk, and outreach started in the leader's
     * campaign {@code campaignName} of {@code year} for the grid's county: one visit task for the resident in the grid
     * worker's list. The users exist already. End the campaign afterwards ({@link #end}).
     */
    public Campaign residentDueForAVisit(
            String clerk, String leader, String grid, String resident, String name, String campaignName, int year) {
        importer.register(clerk, PoliceExtract.registeredOn("2000-01-01").inGrid(resident, name, grid));
        return outreachStarted(leader, campaignName, year, grid.substring(0, 6) + "000000");
    }

    /** A campaign of the county in implementation, running for another 60 days, and its outreach started. */
    private Campaign outreachStarted(String leader, String name, int year, String county) {
        LocalDate today = LocalDate.now(CanbaoClock.DEFAULT_ZONE);
        Campaign campaign =
                implementing(leader, NewCampaign.of(name, year, county, today.minusDays(3), today.plusDays(60)));
        SystemAccess.call(() -> starter.start(campaign.id()));
        return campaign;
    }

    /**
     * The leader's campaign {@code name} of the county, collecting for 90 days from {@code first}, in implementation;
     * the engine's clock at 09:00 of its tenth day, where the outreach tests begin (reset it after the test).
     */
    public Campaign implementingOnItsTenthDay(String leader, String name, int year, String county, LocalDate first) {
        ClockUtil.setCurrentTime(Date.from(
                first.plusDays(9).atTime(9, 0).atZone(CanbaoClock.DEFAULT_ZONE).toInstant()));
        return implementing(leader, NewCampaign.of(name, year, county, first, first.plusDays(90)));
    }

    /** Starts the campaign as the county leader and moves it to implementation, as the system would. */
    public Campaign implementing(String leader, NewCampaign campaign) {
        Campaign started = testCampaigns.start(leader, campaign);
        SystemAccess.run(() -> campaigns.enterPhase(started.id(), CampaignPhase.IMPLEMENT));
        return started;
    }

    /** The id of the campaign's outreach case of the person (outreach started for them). */
    public long caseOf(Campaign campaign, String idNumber) {
        return jdbc.queryForObject(
                "select id from outreach_case where campaign_id = ? and id_number = ?",
                Long.class,
                campaign.id(),
                idNumber);
    }

    /** Deletes the processes of the campaign's outreach cases, then the campaign's own; nothing when it is null. */
    public void end(Campaign campaign) {
        if (campaign == null) {
            return;
        }
        endCases(campaign);
        processes.deleteIfRunning(campaign.processInstanceId());
    }

    /** Deletes the processes of the campaign's outreach cases that still run. */
    public void endCases(Campaign campaign) {
        jdbc.queryForList(
                        "select process_instance_id from outreach_case where campaign_id = ? "
                                + "and process_instance_id is not null",
                        String.class,
                        campaign.id())
                .forEach(processes::deleteIfRunning);
    }
}
