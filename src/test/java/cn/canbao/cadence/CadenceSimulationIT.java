package cn.canbao.cadence;

import static cn.canbao.cadence.CadenceTestCounty.COUNTY;
import static cn.canbao.cadence.CadenceTestCounty.TOWNSHIP_1;
import static cn.canbao.cadence.CadenceTestCounty.TOWNSHIP_2;
import static cn.canbao.cadence.CadenceTestCounty.VILLAGE_1;
import static cn.canbao.cadence.CadenceTestCounty.VILLAGE_2;
import static cn.canbao.cadence.CadenceTestSupport.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.base.DomainException;
import cn.canbao.cadence.process.TownshipDispatchProcess;
import cn.canbao.cadence.process.VillageSummaryProcess;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import cn.canbao.task.TaskInbox;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fifteen campaign days on a county of three villages in two townships, the engine clock at each day's
 * 17:00 and the campaign's Quartz job fired for the day: 45 village summaries, 10 township dispatches on
 * days 3, 6 … 15, 3 bulletins due on days 5, 10, 15. The first village confirms on time, the second after
 * its window, the third never; so do the townships' dispatches (on time, never).
 */
@CanbaoIntegrationTest
@AsSystem
class CadenceSimulationIT extends IntegrationTestBase {

    static final LocalDate FIRST = LocalDate.of(2050, 9, 1); // a Thursday

    @Autowired
    CadenceService cadence;

    @Autowired
    TaskInbox inbox;

    @Autowired
    HistoryService history;

    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    @Autowired
    CadenceTestCounty county;

    @Autowired
    CadenceTestSupport driver;

    @Autowired
    BulletinDueRecorder bulletins;

    private String leader;

    @BeforeEach
    void county() {
        county.ensure();
        leader = security.ensureUser("county.leader.cadence", COUNTY, Role.COUNTY_LEADER);
        security.ensureUser("cadre.cadence.1", VILLAGE_1, Role.VILLAGE_CADRE);
        security.ensureUser("cadre.cadence.2", VILLAGE_2, Role.VILLAGE_CADRE);
        security.ensureUser("township.cadence.1", TOWNSHIP_1, Role.TOWNSHIP_LEADER);
        security.ensureUser("township.cadence.2", TOWNSHIP_2, Role.TOWNSHIP_LEADER);
    }

    @AfterEach
    void cleanUp() throws Exception {
        driver.cleanUp();
    }

    @Test
    void fifteenDaysMakeDailySummariesThreeDayDispatchesAndFiveDayBulletins() throws Exception {
        Campaign campaign = start("节奏模拟行动", 2051, FIRST);
        assertThat(driver.scheduled(campaign.id())).isTrue();
        assertThat(driver.cronOf(campaign.id())).isEqualTo("0 0 17 ? * *");
        assertThat(security.as(leader, () -> cadence.settings(campaign.id())))
                .isEqualTo(CadenceSettings.defaults(FIRST));

        for (int n = 1; n <= 15; n++) {
            LocalDate day = FIRST.plusDays(n - 1);
            clockAt(day, LocalTime.of(17, 0));
            driver.fire(campaign.id(), day);
            clockAt(day, LocalTime.of(18, 0));
            complete("cadre.cadence.1", campaign, VillageSummaryProcess.TASK_CONFIRM, Map.of("remarks", "第" + n + "天"));
            if (n % 3 == 0) {
                complete(
                        "township.cadence.1",
                        campaign,
                        TownshipDispatchProcess.TASK_DISPATCH,
                        Map.of(TownshipDispatchProcess.VAR_INSTRUCTIONS, "落后村明日入户走访"));
            }
            clockAt(day.plusDays(1), LocalTime.of(10, 0)); // past the window (16 hours: 09:00 next day)
            complete("cadre.cadence.2", campaign, VillageSummaryProcess.TASK_CONFIRM, Map.of());
        }

        assertThat(count("select count(*) from village_summary where campaign_id = ?", campaign.id()))
                .isEqualTo(45);
        assertThat(history.createHistoricTaskInstanceQuery()
                        .processInstanceBusinessKey(Long.toString(campaign.id()))
                        .taskDefinitionKey(VillageSummaryProcess.TASK_CONFIRM)
                        .count())
                .isEqualTo(45);
        assertThat(jdbc.queryForList(
                        "select distinct dispatch_date from township_dispatch where campaign_id = ? " + "order by 1",
                        LocalDate.class,
                        campaign.id()))
                .containsExactly(
                        FIRST.plusDays(2),
                        FIRST.plusDays(5),
                        FIRST.plusDays(8),
                        FIRST.plusDays(11),
                        FIRST.plusDays(14));
        assertThat(history.createHistoricTaskInstanceQuery()
                        .processInstanceBusinessKey(Long.toString(campaign.id()))
                        .taskDefinitionKey(TownshipDispatchProcess.TASK_DISPATCH)
                        .count())
                .isEqualTo(10);
        assertThat(bulletins.of(campaign.id()))
                .extracting(BulletinDue::periodEnd)
                .containsExactly(FIRST.plusDays(4), FIRST.plusDays(9), FIRST.plusDays(14));

        // a trigger fired again for a day already handled doubles nothing
        driver.fire(campaign.id(), FIRST.plusDays(14));
        assertThat(count("select count(*) from village_summary where campaign_id = ?", campaign.id()))
                .isEqualTo(45);
        assertThat(count("select count(*) from township_dispatch where campaign_id = ?", campaign.id()))
                .isEqualTo(10);
        assertThat(bulletins.of(campaign.id())).hasSize(3);

        // on time, late (after the window) and missing, per township: summaries and dispatches together
        List<ReportTimeliness> timeliness = cadence.timeliness(
                campaign.id(), Instant.parse("2050-01-01T00:00:00Z"), Instant.parse("2051-01-01T00:00:00Z"));
        assertThat(timeliness)
                .containsExactly(
                        new ReportTimeliness(TOWNSHIP_1, 35, 15, 0), new ReportTimeliness(TOWNSHIP_2, 20, 0, 20));
        assertThat(jdbc.queryForObject(
                        "select remarks from village_summary where campaign_id = ? and village_code = ? "
                                + "and report_date = ?",
                        String.class,
                        campaign.id(),
                        VILLAGE_1,
                        FIRST.plusDays(4)))
                .isEqualTo("第5天");
    }

    @Test
    void dispatchesFlagLaggingVillagesAndNeedInstructions() throws Exception {
        Campaign campaign = start("节奏调度行动", 2052, FIRST);
        for (int n = 1; n <= 3; n++) {
            LocalDate day = FIRST.plusDays(n - 1);
            clockAt(day, LocalTime.of(17, 0));
            driver.fire(campaign.id(), day);
            clockAt(day, LocalTime.of(18, 0));
            complete("cadre.cadence.1", campaign, VillageSummaryProcess.TASK_CONFIRM, Map.of());
        }
        // day 3 at 18:00: the second village missed days 1 and 2, the first reported every day
        LocalDate day3 = FIRST.plusDays(2);
        TownshipDispatch dispatch =
                security.as("township.cadence.1", () -> cadence.dispatch(campaign.id(), TOWNSHIP_1, day3));
        assertThat(dispatch.laggingVillages()).containsExactly(VILLAGE_2);
        List<VillageReport> villages =
                security.as("township.cadence.1", () -> cadence.villageReports(campaign.id(), TOWNSHIP_1, day3));
        assertThat(villages)
                .extracting(VillageReport::villageCode, VillageReport::lastState, VillageReport::lagging)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(VILLAGE_1, ReportState.ON_TIME, false),
                        org.assertj.core.groups.Tuple.tuple(VILLAGE_2, ReportState.MISSING, true));

        InboxTask task = single("township.cadence.1", campaign, TownshipDispatchProcess.TASK_DISPATCH);
        assertThatThrownBy(() -> security.as(
                        "township.cadence.1",
                        () -> inbox.complete(task.id(), Map.of(TownshipDispatchProcess.VAR_INSTRUCTIONS, " "))))
                .isInstanceOf(DomainException.class)
                .satisfies(
                        e -> assertThat(((DomainException) e).messageKey()).isEqualTo("cadence.instructionsRequired"));
        security.as(
                "township.cadence.1",
                () -> inbox.complete(task.id(), Map.of(TownshipDispatchProcess.VAR_INSTRUCTIONS, "甲二村明日补报")));
        assertThat(security.as(leader, () -> cadence.dispatch(campaign.id(), TOWNSHIP_1, day3)))
                .extracting(TownshipDispatch::instructions, TownshipDispatch::state)
                .containsExactly("甲二村明日补报", ReportState.ON_TIME);

        // the township sees its villages' days, the county all; missing summaries show as missing
        ReportMatrix mine = security.as("township.cadence.1", () -> cadence.matrix(campaign.id(), 7));
        assertThat(mine.days()).containsExactly(FIRST, FIRST.plusDays(1), day3);
        assertThat(mine.rows()).extracting(ReportMatrix.Row::villageCode).containsExactly(VILLAGE_1, VILLAGE_2);
        assertThat(mine.rows().get(1).states())
                .containsEntry(FIRST, ReportState.MISSING)
                .containsEntry(day3, ReportState.OPEN);
        assertThat(security.as(leader, () -> cadence.matrix(campaign.id(), 7)).rows())
                .hasSize(3);
    }

    @Test
    void weekendsAreSkippedWhenTheCountySaysSoAndAnEndedCampaignIsUnscheduled() throws Exception {
        LocalDate thursday = LocalDate.of(2050, 10, 6);
        Campaign campaign = start("节奏周末行动", 2053, thursday);
        assertThatThrownBy(() -> security.as(
                        "township.cadence.1",
                        () -> cadence.configure(
                                campaign.id(),
                                CadenceSettings.defaults(thursday).withSkipWeekends(true))))
                .isInstanceOf(CadenceException.class);
        CadenceSettings skip = new CadenceSettings(thursday, LocalTime.of(18, 30), 16, 3, 24, 5, true);
        assertThat(security.as(leader, () -> cadence.configure(campaign.id(), skip)))
                .isEqualTo(skip);
        assertThat(driver.cronOf(campaign.id())).isEqualTo("0 30 18 ? * *");

        for (int i = 0; i < 7; i++) { // Thursday to Wednesday: 5 reporting days
            LocalDate day = thursday.plusDays(i);
            clockAt(day, LocalTime.of(18, 30));
            driver.fire(campaign.id(), day);
        }
        assertThat(jdbc.queryForList(
                        "select distinct report_date from village_summary where campaign_id = ? order by 1",
                        LocalDate.class,
                        campaign.id()))
                .hasSize(5)
                .noneMatch(d -> d.getDayOfWeek().getValue() >= 6);
        assertThat(count("select count(*) from village_summary where campaign_id = ?", campaign.id()))
                .isEqualTo(15);
        assertThat(jdbc.queryForList(
                        "select dispatch_date from township_dispatch where campaign_id = ?",
                        LocalDate.class,
                        campaign.id()))
                .containsExactly(thursday.plusDays(4), thursday.plusDays(4)); // Monday
        assertThat(bulletins.of(campaign.id()))
                .extracting(BulletinDue::periodEnd)
                .containsExactly(thursday.plusDays(6));

        SystemAccess.run(() -> campaigns.enterPhase(campaign.id(), CampaignPhase.SUMMARISE));
        assertThat(driver.scheduled(campaign.id())).isFalse();
        assertThat(SystemAccess.call(() -> cadence.tick(campaign.id(), thursday.plusDays(7)))
                        .reportingDay())
                .isZero();
    }

    @Test
    void aCampaignWhoseProcessWasDeletedReportsNothingAndLosesItsTrigger() throws Exception {
        Campaign campaign = start("节奏删除行动", 2056, FIRST);
        runtime.deleteProcessInstance(campaign.processInstanceId(), "deleted by an admin");
        clockAt(FIRST, LocalTime.of(17, 0));
        driver.fire(campaign.id(), FIRST);
        assertThat(count("select count(*) from village_summary where campaign_id = ?", campaign.id()))
                .isZero();
        assertThat(driver.scheduled(campaign.id())).isFalse();
    }

    private Campaign start(String name, int year, LocalDate first) {
        return driver.start(leader, name, year, first);
    }

    /** The user completes their single open task of that kind in the campaign. */
    private void complete(String user, Campaign campaign, String taskKey, Map<String, Object> variables) {
        InboxTask task = single(user, campaign, taskKey);
        security.as(user, () -> inbox.complete(task.id(), variables));
    }

    private InboxTask single(String user, Campaign campaign, String taskKey) {
        List<InboxTask> open = security.as(user, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> Long.toString(campaign.id()).equals(t.businessKey())
                        && t.taskDefinitionKey().equals(taskKey))
                .toList();
        assertThat(open).as(user + " " + taskKey).hasSize(1);
        return open.get(0);
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }
}
