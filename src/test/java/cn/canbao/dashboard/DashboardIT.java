package cn.canbao.dashboard;

import static cn.canbao.dashboard.DashboardTestCounty.COUNTY;
import static cn.canbao.dashboard.DashboardTestCounty.GRID_11;
import static cn.canbao.dashboard.DashboardTestCounty.GRID_12;
import static cn.canbao.dashboard.DashboardTestCounty.GRID_21;
import static cn.canbao.dashboard.DashboardTestCounty.GRID_31;
import static cn.canbao.dashboard.DashboardTestCounty.TOWNSHIP_1;
import static cn.canbao.dashboard.DashboardTestCounty.TOWNSHIP_2;
import static cn.canbao.dashboard.DashboardTestCounty.VILLAGE_1;
import static cn.canbao.dashboard.DashboardTestCounty.VILLAGE_2;
import static cn.canbao.dashboard.DashboardTestCounty.VILLAGE_3;
import static cn.canbao.dashboard.DashboardTestCounty.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.base.DomainException;
import cn.canbao.bulletin.BulletinBand;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.outreach.ContactMethod;
import cn.canbao.outreach.OutreachCampaigns;
import cn.canbao.outreach.OutreachService;
import cn.canbao.outreach.OutreachStarter;
import cn.canbao.outreach.VisitOutcome;
import cn.canbao.outreach.VisitReport;
import cn.canbao.outreach.VisitReports;
import cn.canbao.quota.Baseline;
import cn.canbao.quota.BaselineService;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.sms.SmsFigures;
import cn.canbao.sms.SmsReports;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's aggregates on real PostgreSQL for a seeded county of seven residents: every region's
 * registered / insured / lapsed equal the baseline table's, the reasons add up to its uninsured, the outreach
 * funnel equals the outreach records (cases, texts, visits, promises, payments), SMS per day equals the SMS
 * page's counts, a payment import refreshes the figures by itself, and every read respects the caller's scope.
 */
@CanbaoIntegrationTest
class DashboardIT extends IntegrationTestBase {

    static final int YEAR = 2071;

    @Autowired
    OutreachCampaigns outreachCampaigns;

    @Autowired
    DashboardTestCounty county;

    @Autowired
    OutreachStarter starter;

    @Autowired
    OutreachService outreach;

    @Autowired
    DashboardService dashboards;

    @Autowired
    BaselineService baseline;

    @Autowired
    SmsReports smsReports;

    private Campaign campaign;
    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void seededCounty() {
        county.ensure(YEAR);
        security.ensureUser("dashboard.county.leader", COUNTY, Role.COUNTY_LEADER);
        security.ensureUser("dashboard.township.leader", TOWNSHIP_2, Role.TOWNSHIP_LEADER);
        campaign = outreachCampaigns.implementing(
                "dashboard.county.leader",
                NewCampaign.of("看板测试行动", YEAR, COUNTY, today.minusDays(9), today.plusDays(80)));
    }

    @AfterEach
    void cleanUp() {
        outreachCampaigns.end(campaign);
    }

    @Test
    void figuresEqualTheBaselineTableAndTheOutreachRecords() {
        // the campaign's start refreshed the dashboard: the proposals are there, nothing enrolled yet
        Dashboard atStart = countyDashboard();
        assertThat(atStart.asOf()).isEqualTo(today);
        assertThat(atStart.total().target()).isEqualTo(4); // 丁一村: 2 lapsed/uninsured, 丁二村: 2
        assertThat(atStart.total().enrolled()).isZero();

        // outreach: 2 and 4 lapsed, 3 (no mobile) and 5 uninsured; 5 promises, 3 refuses (unwilling)
        assertThat(SystemAccess.call(() -> starter.start(campaign.id())).listed())
                .isEqualTo(4);
        SystemAccess.run(() -> {
            outreach.recordVisit(
                    caseOf(5),
                    new VisitReport(
                            ContactMethod.HOME,
                            VisitOutcome.PROMISED,
                            NotEnrolledReason.WORKS_AWAY,
                            today.plusDays(5),
                            null,
                            null,
                            "月底缴",
                            null,
                            null,
                            null,
                            null,
                            null),
                    "grid.dashboard");
            outreach.recordVisit(caseOf(3), VisitReports.refusal(ContactMethod.PHONE), "grid.dashboard");
        });
        // the dispatcher's outcome, as delivery callbacks would leave it (dispatching is the sms package's test)
        jdbc.update(
                "update sms_message set status = 'DELIVERED', accepted_at = now(), status_at = now() "
                        + "where campaign_id = ? and id_number = ?",
                campaign.id(),
                id(2));
        jdbc.update(
                "update sms_message set status = 'FAILED', error_code = 30003, status_at = now() "
                        + "where campaign_id = ? and id_number = ?",
                campaign.id(),
                id(5));

        // 4 pays: the tax import ends the case and, as its last listener, refreshes the dashboard
        importer.importAs(
                DashboardTestCounty.CLERK,
                ExtractKind.TAX_PAYMENT,
                "dashboard-paid.csv",
                ExtractHeaders.TAX_PAYMENT + id(4) + ",戊," + YEAR + ",居民," + today + ",400,DASH-" + System.nanoTime()
                        + "\n");
        assertThat(jdbc.queryForObject(
                        "select end_reason from outreach_case where campaign_id = ? and id_number = ?",
                        String.class,
                        campaign.id(),
                        id(4)))
                .isEqualTo("PAYMENT_RECEIVED");

        Dashboard d = countyDashboard();
        // every region's registered / insured / lapsed are the baseline table's (township, village and county rows)
        List<Baseline> table = SystemAccess.call(() -> baseline.table(COUNTY, YEAR));
        assertSameAsBaseline(d.total(), table);
        d.children().forEach(child -> assertSameAsBaseline(child, table));
        List<Baseline> township1 = SystemAccess.call(() -> baseline.table(TOWNSHIP_1, YEAR));
        dashboard(TOWNSHIP_1).children().forEach(child -> assertSameAsBaseline(child, township1));
        assertThat(List.of(
                        d.total().registered(), d.total().insured(), d.total().lapsed()))
                .containsExactly(7, 4, 1);

        // progress: 4 paid since the proposals were made
        assertThat(d.total().target()).isEqualTo(4);
        assertThat(d.total().enrolled()).isEqualTo(1);
        assertThat(d.total().completion()).isEqualByComparingTo("25.00");
        assertThat(d.progress()).last().satisfies(p -> {
            assertThat(p.day()).isEqualTo(today);
            assertThat(p.enrolled()).isEqualTo(1);
            assertThat(p.expected()).isEqualByComparingTo(campaign.expectedCompletion(today));
        });
        // ranking: 丁镇 (25 % of 4) above 戊乡 (target 0 counts 100 %), banded by the bulletin's rule
        assertThat(d.children()).extracting(RegionFigures::regionCode).containsExactly(TOWNSHIP_2, TOWNSHIP_1);
        RegionFigures ding = d.children().get(1);
        assertThat(ding.band()).isEqualTo(BulletinBand.of(ding.completion(), d.expected()));

        // reasons add up to the baseline's uninsured: 2 (none recorded), 3 unwilling, 5 works away
        assertThat(reasons(d)).isEqualTo(Map.of("UNRECORDED", 1, "UNWILLING", 1, "WORKS_AWAY", 1));
        assertThat(reasons(d).values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(table.get(0).uninsured());
        for (RegionFigures child : d.children()) {
            assertThat(reasons(dashboard(child.regionCode())).values().stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .as(child.regionName())
                    .isEqualTo(child.uninsured());
        }

        // the funnel equals the outreach records, counted here straight from them
        Map<String, Object> records = jdbc.queryForMap(
                "select count(*) outreach, "
                        + "count(*) filter (where exists (select 1 from sms_message m where m.campaign_id = oc.campaign_id "
                        + "  and m.id_number = oc.id_number and m.status <> 'SKIPPED')) reminded, "
                        + "count(*) filter (where exists (select 1 from visit v where v.case_id = oc.id)) visited, "
                        + "count(*) filter (where exists (select 1 from visit v where v.case_id = oc.id and v.outcome = 'PROMISED')) promised, "
                        + "count(*) filter (where oc.end_reason in ('PAYMENT_RECEIVED', 'PAID') or exists (select 1 from "
                        + "  enrollment e where e.id_number = oc.id_number and e.year = ?)) paid "
                        + "from outreach_case oc where oc.campaign_id = ?",
                YEAR,
                campaign.id());
        RegionFigures t = d.total();
        assertThat(List.of(t.outreach(), t.reminded(), t.visited(), t.promised(), t.paid()))
                .containsExactly(4, 3, 2, 1, 1)
                .containsExactly(
                        number(records, "outreach"),
                        number(records, "reminded"),
                        number(records, "visited"),
                        number(records, "promised"),
                        number(records, "paid"));
        // by the case's village: 2, 3 in 丁一村, 4 in 丁二村, 5 where they live (戊一村)
        assertThat(d.children())
                .extracting(RegionFigures::regionCode, RegionFigures::outreach)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TOWNSHIP_2, 1),
                        org.assertj.core.groups.Tuple.tuple(TOWNSHIP_1, 3));

        // drill-down to the grids of 丁一村: the persons assigned to each grid
        Dashboard village = dashboard(VILLAGE_1);
        assertThat(village.breadcrumb()).extracting(r -> r.code()).containsExactly(COUNTY, TOWNSHIP_1, VILLAGE_1);
        assertThat(village.children())
                .extracting(
                        RegionFigures::regionCode,
                        RegionFigures::registered,
                        RegionFigures::insured,
                        RegionFigures::lapsed,
                        RegionFigures::outreach)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(GRID_11, 2, 2, 0, 0),
                        org.assertj.core.groups.Tuple.tuple(GRID_12, 2, 0, 1, 2));
        assertThat(reasons(dashboard(GRID_12))).isEqualTo(Map.of("UNRECORDED", 1, "UNWILLING", 1));
        // 5 lives in 戊一村's grid though registered in 丁二村: grids count residents
        assertThat(dashboard(GRID_31).total().registered()).isEqualTo(2);
        assertThat(dashboard(GRID_21).total().insured()).isEqualTo(1);
        // 丁二村 had no target of its own yet: enrolled counts from its first refresh (4 paid since)
        assertThat(dashboard(VILLAGE_2).total().enrolled()).isEqualTo(1);
        assertThat(dashboard(VILLAGE_3).total().outreach()).isEqualTo(1);

        // SMS per day equals the SMS page's counts for the county: 2 delivered, 5 failed, 4 still queued
        assertThat(d.sms())
                .extracting(SmsDay::day, SmsDay::sent, SmsDay::delivered, SmsDay::failed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(today, 1, 1, 1));
        List<SmsFigures.Tally> page =
                security.as("dashboard.county.leader", () -> smsReports.daily(today.minusDays(29)));
        assertThat(d.sms())
                .extracting(s -> s.day() + " " + s.sent() + "/" + s.delivered() + "/" + s.failed())
                .containsExactlyElementsOf(page.stream()
                        .map(p -> p.key() + " " + p.sent() + "/" + p.delivered() + "/" + p.failed())
                        .toList());
    }

    @Test
    void everyFigureRespectsTheCallersScope() {
        SystemAccess.run(() -> dashboards.refresh(campaign.id()));
        // a township leader opens their own township, not the county nor the other township
        String start = security.as("dashboard.township.leader", () -> dashboards.startRegion(campaign.id()));
        assertThat(start).isEqualTo(TOWNSHIP_2);
        Dashboard own = security.as("dashboard.township.leader", () -> dashboards.dashboard(campaign.id(), TOWNSHIP_2));
        assertThat(own.breadcrumb()).extracting(r -> r.code()).containsExactly(TOWNSHIP_2);
        assertThat(own.children()).extracting(RegionFigures::regionCode).containsExactly(VILLAGE_3);
        assertThatThrownBy(() ->
                        security.as("dashboard.township.leader", () -> dashboards.dashboard(campaign.id(), COUNTY)))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() ->
                        security.as("dashboard.township.leader", () -> dashboards.dashboard(campaign.id(), TOWNSHIP_1)))
                .isInstanceOf(DomainException.class);
        // refreshing the whole county is for those who see it
        assertThatThrownBy(() -> security.as("dashboard.township.leader", () -> dashboards.refreshNow(campaign.id())))
                .isInstanceOf(DomainException.class);
        assertThat(security.as("dashboard.county.leader", () -> dashboards.refreshNow(campaign.id())))
                .isEqualTo(10);
        // a region outside the campaign's county is refused, even for the system
        assertThatThrownBy(() -> SystemAccess.call(() -> dashboards.dashboard(campaign.id(), "350525000000")))
                .isInstanceOf(DashboardException.class);
    }

    private Dashboard countyDashboard() {
        return dashboard(COUNTY);
    }

    private Dashboard dashboard(String code) {
        return security.as("dashboard.county.leader", () -> dashboards.dashboard(campaign.id(), code));
    }

    private static Map<String, Integer> reasons(Dashboard d) {
        return d.reasons().stream().collect(Collectors.toMap(ReasonCount::reason, ReasonCount::persons));
    }

    private static void assertSameAsBaseline(RegionFigures f, List<Baseline> table) {
        Baseline b = table.stream()
                .filter(r -> r.regionCode().equals(f.regionCode()))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(f.registered(), f.insured(), f.lapsed(), f.uninsured()))
                .as(f.regionName())
                .containsExactly(b.registered(), b.insuredTotal(), b.lapsed(), b.uninsured());
        assertThat(f.coverageRate()).as(f.regionName()).isEqualByComparingTo(b.coverageRate());
    }

    private static int number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    private long caseOf(int resident) {
        return jdbc.queryForObject(
                "select id from outreach_case where campaign_id = ? and id_number = ?",
                Long.class,
                campaign.id(),
                id(resident));
    }
}
