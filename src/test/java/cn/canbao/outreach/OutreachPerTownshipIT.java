package cn.canbao.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.DomainException;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.outreach.jobs.OutreachJob;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.quota.TargetRow;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import cn.canbao.quota.process.BreakdownProcess;
import cn.canbao.quota.process.TargetVariables;
import cn.canbao.region.TestCounty;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outreach does not wait for the slowest township: in a county of two townships, the one whose leader confirmed
 * its own split has its residents listed and their {@code LapsedOutreach} processes started by the morning job
 * (fired through Quartz) while the campaign is still in its breakdown; the other township's residents wait until
 * its leader confirms too — and then get exactly one case each, never a second for the first township's.
 */
@CanbaoIntegrationTest
class OutreachPerTownshipIT extends OutreachTestBase {

    static final TestCounty AREA = new TestCounty("350588");
    static final String COUNTY = AREA.code();
    static final String EAST = AREA.township(1);
    static final String WEST = AREA.township(2);
    static final String EAST_VILLAGE = AREA.village(1, 1);
    static final String WEST_VILLAGE = AREA.village(2, 1);
    static final String EAST_GRID = AREA.grid(1, 1);
    static final String WEST_GRID = AREA.grid(2, 1);
    static final int YEAR = 2072;
    static final LocalDate FIRST = LocalDate.of(2071, 10, 1);

    @Autowired
    TargetService targets;

    @Autowired
    Scheduler scheduler;

    private Campaign campaign;
    private final String[] east = new String[2];
    private final String[] west = new String[2];

    @BeforeEach
    void countyOfTwoTownships() {
        AREA.create(regions, "分镇催缴测试县", new TestCounty.Township("东镇", "东一村"), new TestCounty.Township("西镇", "西一村"));
        String clerk = security.ensureUser("clerk.pertownship", COUNTY, Role.CLERK);
        security.ensureUser("leader.pertownship", COUNTY, Role.COUNTY_LEADER);
        security.ensureUser("east.leader.pertownship", EAST, Role.TOWNSHIP_LEADER);
        security.ensureUser("west.leader.pertownship", WEST, Role.TOWNSHIP_LEADER);
        security.ensureUser("east.grid.pertownship", EAST_GRID, Role.GRID_WORKER);
        security.ensureUser("west.grid.pertownship", WEST_GRID, Role.GRID_WORKER);
        for (int i = 0; i < 2; i++) {
            east[i] = TestIds.id("350588", LocalDate.of(1971, 5, 1 + i), 301 + 2 * i);
            west[i] = TestIds.id("350588", LocalDate.of(1972, 6, 1 + i), 401 + 2 * i);
        }
        // per township one lapsed resident (paid last year) and one never insured, all with a mobile
        importer.importAs(
                clerk,
                ExtractKind.POLICE_HOUSEHOLD,
                "pertownship-people.csv",
                ExtractHeaders.POLICE_WITH_MOBILE
                        + person(east[0], "东甲", EAST_VILLAGE, EAST_GRID, "13900139000")
                        + person(east[1], "东乙", EAST_VILLAGE, EAST_GRID, "13900139001")
                        + person(west[0], "西甲", WEST_VILLAGE, WEST_GRID, "13900139002")
                        + person(west[1], "西乙", WEST_VILLAGE, WEST_GRID, "13900139003"));
        importer.importAs(
                clerk,
                ExtractKind.INSURANCE_STATUS,
                "pertownship-insured.csv",
                ExtractHeaders.INSURANCE + east[0] + ",东甲," + (YEAR - 1) + ",居民,本地\n" + west[0] + ",西甲," + (YEAR - 1)
                        + ",居民,本地\n");
        clockAt(FIRST.plusDays(5), LocalTime.of(9, 0));
        campaign = testCampaigns.start(
                "leader.pertownship", NewCampaign.of("分镇催缴测试行动", YEAR, COUNTY, FIRST, FIRST.plusDays(90)));
        // the county publishes the proposals: both townships get their split tasks
        InboxTask publish = openTasks("leader.pertownship").stream()
                .filter(t -> t.taskDefinitionKey().equals("Task_PublishTownshipTargets"))
                .findFirst()
                .orElseThrow();
        TargetTable county = security.as("leader.pertownship", () -> targets.table(campaign.id(), COUNTY));
        security.as(
                "leader.pertownship",
                () -> inbox.complete(
                        publish.id(), Map.of(BreakdownProcess.VAR_TARGETS, TargetVariables.toJson(targetsOf(county)))));
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        outreachCampaigns.endCases(campaign);
        runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(Long.toString(campaign.id()))
                .list()
                .forEach(p -> processes.deleteIfRunning(p.getId()));
        processes.deleteIfRunning(campaign.processInstanceId());
    }

    @Test
    void theConfirmedTownshipWorksItsResidentsWhileTheOtherStillWaits() throws Exception {
        // nobody has confirmed a split: the campaign is still mobilising, and outreach has nothing to start
        assertThatThrownBy(() -> SystemAccess.call(() -> starter.start(campaign.id())))
                .isInstanceOf(DomainException.class)
                .satisfies(e ->
                        assertThat(((DomainException) e).messageKey()).isEqualTo("outreach.error.noTownshipConfirmed"));
        assertThat(cases()).isEmpty();

        // the east township's leader confirms its own split; the west township has not (its task stays open)
        split("east.leader.pertownship", EAST);
        assertThat(SystemAccess.call(() -> campaigns.get(campaign.id())).phase())
                .isEqualTo(CampaignPhase.MOBILISE);
        assertThat(SystemAccess.call(() -> targets.confirmedTownships(campaign.id())))
                .containsExactly(EAST);

        // the morning job (through Quartz) starts the east township's residents, and only them
        scheduler.triggerJob(new JobKey(OutreachJob.Schedule.NAME, "outreach"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(startedCases()).containsExactlyInAnyOrder(east[0], east[1]));
        assertThat(cases()).containsExactlyInAnyOrder(east[0], east[1]);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(OutreachProcess.KEY)
                        .variableValueEquals(OutreachProcess.VAR_CAMPAIGN_ID, campaign.id())
                        .count())
                .isEqualTo(2);
        // the east grid worker has them on the worklist, the west one has nobody yet
        assertThat(security.as("east.grid.pertownship", () -> queries.worklist(campaign.id(), false, 0, 50)))
                .hasSize(2);
        assertThat(security.as("west.grid.pertownship", () -> queries.worklist(campaign.id(), false, 0, 50)))
                .isEmpty();

        // a second run the same day lists and starts nothing new
        assertThat(SystemAccess.call(() -> starter.start(campaign.id())))
                .isEqualTo(new OutreachStarter.StartResult(0, 0));

        // the west township confirms: the next run lists its residents, one case each, the east ones untouched
        split("west.leader.pertownship", WEST);
        assertThat(SystemAccess.call(() -> starter.start(campaign.id())))
                .isEqualTo(new OutreachStarter.StartResult(2, 2));
        assertThat(startedCases()).containsExactlyInAnyOrder(east[0], east[1], west[0], west[1]);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outreach_case where campaign_id = ?", Integer.class, campaign.id()))
                .isEqualTo(4);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(OutreachProcess.KEY)
                        .variableValueEquals(OutreachProcess.VAR_CAMPAIGN_ID, campaign.id())
                        .count())
                .isEqualTo(4);
        assertThat(security.as("west.grid.pertownship", () -> queries.worklist(campaign.id(), false, 0, 50)))
                .hasSize(2);
        // the villages have not split to their grids yet: the campaign is still in its breakdown
        assertThat(SystemAccess.call(() -> campaigns.get(campaign.id())).phase())
                .isEqualTo(CampaignPhase.MOBILISE);
    }

    /** The township's leader confirms the split as suggested, through their task. */
    private void split(String leader, String township) {
        InboxTask task = openTasks(leader).stream()
                .filter(t -> t.taskDefinitionKey().equals(BreakdownProcess.TASK_SPLIT))
                .findFirst()
                .orElseThrow();
        TargetTable table = security.as(leader, () -> targets.table(campaign.id(), township));
        security.as(
                leader,
                () -> inbox.complete(
                        task.id(), Map.of(BreakdownProcess.VAR_TARGETS, TargetVariables.toJson(targetsOf(table)))));
    }

    private List<InboxTask> openTasks(String user) {
        return security.as(user, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> Long.toString(campaign.id()).equals(t.businessKey()))
                .toList();
    }

    private List<String> cases() {
        return jdbc.queryForList(
                "select id_number from outreach_case where campaign_id = ?", String.class, campaign.id());
    }

    private List<String> startedCases() {
        return jdbc.queryForList(
                "select id_number from outreach_case where campaign_id = ? " + "and process_instance_id is not null",
                String.class,
                campaign.id());
    }

    private static String person(String id, String name, String village, String grid, String mobile) {
        return id + "," + name + ",在册,2000-01-01," + village + "," + village + "," + grid + "," + mobile + "\n";
    }

    private static Map<String, Integer> targetsOf(TargetTable table) {
        return table.children().stream()
                .collect(Collectors.toMap(TargetRow::regionCode, TargetRow::target, (a, b) -> a, LinkedHashMap::new));
    }
}
