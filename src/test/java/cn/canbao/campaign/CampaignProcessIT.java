package cn.canbao.campaign;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.ProcessTestBase;
import cn.canbao.Yongchun;
import cn.canbao.base.CanbaoClock;
import cn.canbao.base.DomainException;
import cn.canbao.quota.TargetRow;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import cn.canbao.quota.process.BreakdownProcess;
import cn.canbao.quota.process.TargetVariables;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Walks a whole campaign through the engine on the demo county: proposals from the register, the
 * county publishes, 22 township tasks, a split that does not add up is refused, village tasks, grid
 * rows; overdue splits remind and escalate when the engine clock moves; the collection period is
 * extended and ends; the summary closes the campaign.
 */
@CanbaoIntegrationTest
class CampaignProcessIT extends ProcessTestBase {

    static final String TOWNSHIP = Yongchun.township(19);
    static final String LATE_TOWNSHIP = Yongchun.township(17);
    static final String SILENT_TOWNSHIP = Yongchun.township(18);
    static final int YEAR = 2046;

    @Autowired
    TargetService targets;

    private Campaign started;

    /** Other tests count the tasks of some townships: a campaign left half-way must not outlive its test. */
    @AfterEach
    void resetClockAndDeleteLeftovers() {
        ClockUtil.reset();
        processes.deleteIfRunning(started == null ? null : started.processInstanceId());
    }

    @Test
    void aCampaignCascadesItsTargetsDownToTheGridsAndEnds() {
        String leader = security.ensureUser("county.leader.process", COUNTY, Role.COUNTY_LEADER);
        String townshipLeader = security.ensureUser("township.leader.process", TOWNSHIP, Role.TOWNSHIP_LEADER);
        String lateLeader = security.ensureUser("township.leader.late", LATE_TOWNSHIP, Role.TOWNSHIP_LEADER);
        Region village = SystemAccess.call(
                () -> regions.descendantsAtLevel(TOWNSHIP, RegionLevel.VILLAGE).get(0));
        String cadre = security.ensureUser("village.cadre.process", village.code(), Role.VILLAGE_CADRE);
        List<String> grids = registerPeopleIn(village.code());

        Campaign campaign = testCampaigns.start(
                leader,
                NewCampaign.of("测试扩面行动", YEAR, COUNTY, LocalDate.of(YEAR - 1, 9, 1), LocalDate.of(YEAR - 1, 12, 31)));
        started = campaign;
        assertThat(campaign.phase()).isEqualTo(CampaignPhase.MOBILISE);

        // proposals: the township of the test people has uninsured 2 + lapsed 1; the county is the sum
        TargetTable county = security.as(leader, () -> targets.table(campaign.id(), COUNTY));
        assertThat(county.children()).hasSize(22);
        TargetRow township = row(county, TOWNSHIP);
        assertThat(township.uninsured()).isEqualTo(2);
        assertThat(township.lapsed()).isEqualTo(1);
        assertThat(county.region().target()).isEqualTo(county.childrenProposed());

        // the county leader publishes, raising the test township's target to 5
        InboxTask publish =
                single(security.as(leader, () -> inbox.open(TaskFilter.ALL)), campaign, "Task_PublishTownshipTargets");
        Map<String, Integer> townshipTargets = targetsOf(county);
        townshipTargets.put(TOWNSHIP, 5);
        split(leader, publish.id(), townshipTargets, "外山乡务工返乡人员多");
        assertThat(splitTasks(campaign)).hasSize(22);
        assertThat(security.as(leader, () -> targets.row(campaign.id(), TOWNSHIP))
                        .target())
                .isEqualTo(5);

        // each township leader sees their own split task only
        List<InboxTask> mine = open(townshipLeader, TaskFilter.ALL, campaign);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).regionName()).isEqualTo(township.regionName());
        assertThat(open(lateLeader, TaskFilter.ALL, campaign))
                .hasSize(1)
                .allMatch(t -> !t.id().equals(mine.get(0).id()));

        // a split that does not add up, without a justification, is refused and the task stays open
        TargetTable villages = security.as(townshipLeader, () -> targets.table(campaign.id(), TOWNSHIP));
        assertThat(villages.childrenTarget()).isEqualTo(5); // the suggestion is apportioned to the target
        Map<String, Integer> villageTargets = targetsOf(villages);
        villageTargets.put(village.code(), villageTargets.get(village.code()) + 1);
        assertThatThrownBy(() -> split(townshipLeader, mine.get(0).id(), villageTargets, ""))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).messageKey()).isEqualTo("targets.sumMismatch"));
        assertThat(tasks.createTaskQuery().taskId(mine.get(0).id()).count()).isEqualTo(1);

        // the same split with a justification goes through; the county sees the justification
        split(townshipLeader, mine.get(0).id(), villageTargets, "一村外出务工人员返乡集中");
        TargetRow confirmed = security.as(leader, () -> targets.row(campaign.id(), TOWNSHIP));
        assertThat(confirmed.splitComment()).isEqualTo("一村外出务工人员返乡集中");
        assertThat(confirmed.splitDifference()).isEqualTo(1);
        assertThat(villageTasks(campaign, TOWNSHIP)).hasSize(villages.children().size());

        // the village cadre sees only their village's task and splits over the grids
        List<InboxTask> cadreTasks = open(cadre, TaskFilter.ALL, campaign);
        assertThat(cadreTasks).hasSize(1);
        TargetTable gridTable = security.as(cadre, () -> targets.table(campaign.id(), village.code()));
        assertThat(gridTable.children()).extracting(TargetRow::regionCode).containsExactlyElementsOf(grids);
        assertThat(gridTable.childrenProposed()).isEqualTo(3);
        assertThat(gridTable.childrenTarget()).isEqualTo(gridTable.region().target());
        security.as(
                cadre,
                () -> inbox.complete(
                        cadreTasks.get(0).id(),
                        Map.of(BreakdownProcess.VAR_TARGETS, TargetVariables.toJson(targetsOf(gridTable)))));
        assertThat(jdbc.queryForObject(
                        "select count(*) from target where campaign_id = ? and level = 'GRID' "
                                + "and status = 'ASSIGNED'",
                        Integer.class,
                        campaign.id()))
                .isEqualTo(grids.size());

        // overdue: the reminder at the due date, the escalation to the county two days later
        moveClockDays(campaign.breakdownDays() + 0.1);
        executeDueTimers();
        Task late = splitTask(campaign, LATE_TOWNSHIP);
        assertThat(late.getPriority()).isEqualTo(80);
        moveClockDays(campaign.breakdownDays() + campaign.escalationDays() + 0.2);
        executeDueTimers();
        List<InboxTask> chases = open(leader, TaskFilter.ALL, campaign).stream()
                .filter(t -> t.taskDefinitionKey().equals("Task_ChaseOverdueSplit"))
                .toList();
        assertThat(chases).hasSize(21); // every township but the one that split
        assertThat(open(lateLeader, TaskFilter.OVERDUE, campaign))
                .extracting(InboxTask::taskDefinitionKey)
                .containsExactly(BreakdownProcess.TASK_SPLIT);
        InboxTask chase = chases.stream()
                .filter(t -> regionOf(t).equals(LATE_TOWNSHIP))
                .findFirst()
                .orElseThrow();
        security.as(leader, () -> inbox.complete(chase.id(), Map.of(BreakdownProcess.VAR_CHASE_NOTE, "已电话督促乡长")));
        assertThat(jdbc.queryForList(
                        "select event from target_history where campaign_id = ? and region_code = ? " + "order by id",
                        String.class,
                        campaign.id(),
                        LATE_TOWNSHIP))
                .containsSubsequence("PROPOSED", "PUBLISHED", "ESCALATED", "CHASED");

        // a split that finally comes in ends its open chase (terminate end event of the sub-process)
        completeSplit(campaign, SILENT_TOWNSHIP);
        assertThat(open(leader, TaskFilter.ALL, campaign).stream()
                        .filter(t -> t.taskDefinitionKey().equals("Task_ChaseOverdueSplit"))
                        .map(this::regionOf))
                .doesNotContain(SILENT_TOWNSHIP, LATE_TOWNSHIP);

        // everyone else splits; then the campaign implements until the collection period ends
        for (int round = 0; round < 3; round++) {
            tasks.createTaskQuery()
                    .processInstanceBusinessKey(Long.toString(campaign.id()))
                    .taskDefinitionKey(BreakdownProcess.TASK_SPLIT)
                    .list()
                    .forEach(t -> completeSplit(campaign, regionOf(t)));
        }
        assertThat(security.as(leader, () -> campaigns.get(campaign.id())).phase())
                .isEqualTo(CampaignPhase.IMPLEMENT);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(BreakdownProcess.KEY)
                        .processInstanceBusinessKey(Long.toString(campaign.id()))
                        .count())
                .isZero();

        // extending the collection period moves the waiting timer
        Date oldEnd = campaignTimer(campaign).getDuedate();
        security.as(leader, () -> campaigns.extend(campaign.id(), LocalDate.of(YEAR, 1, 31), "春节前后返乡人员集中缴费"));
        Date newEnd = campaignTimer(campaign).getDuedate();
        assertThat(newEnd)
                .isEqualTo(CampaignService.endOf(LocalDate.of(YEAR, 1, 31), CanbaoClock.DEFAULT_ZONE))
                .isAfter(oldEnd);
        ClockUtil.setCurrentTime(new Date(newEnd.getTime() + 60_000));
        executeDueTimers();
        assertThat(security.as(leader, () -> campaigns.get(campaign.id())).phase())
                .isEqualTo(CampaignPhase.SUMMARISE);

        InboxTask summarise =
                single(security.as(leader, () -> inbox.open(TaskFilter.ALL)), campaign, "Task_SummariseCampaign");
        assertThatThrownBy(() -> security.as(leader, () -> inbox.complete(summarise.id(), Map.of("summary", " "))))
                .isInstanceOf(DomainException.class);
        security.as(leader, () -> inbox.complete(summarise.id(), Map.of("summary", "参保率提升至95.2%")));
        Campaign closed = security.as(leader, () -> campaigns.get(campaign.id()));
        assertThat(closed.phase()).isEqualTo(CampaignPhase.CLOSED);
        assertThat(closed.summary()).isEqualTo("参保率提升至95.2%");
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(campaign.processInstanceId())
                        .count())
                .isZero();
    }

    /** Four people in the village: insured this year, lapsed, uninsured (two grids when the village has two). */
    private List<String> registerPeopleIn(String village) {
        security.ensureUser("clerk.process", COUNTY, Role.CLERK);
        List<String> grids = SystemAccess.call(() -> regions.children(village)).stream()
                .map(s -> s.region())
                .filter(r -> r.level() == RegionLevel.GRID)
                .map(Region::code)
                .sorted()
                .toList();
        String g1 = grids.get(0);
        String g2 = grids.size() > 1 ? grids.get(1) : g1;
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = TestIds.id("350525", LocalDate.of(1970, 3, 1 + i), 911 + 2 * i);
        }
        StringBuilder police = new StringBuilder(ExtractHeaders.POLICE_WITH_GRID);
        for (int i = 0; i < ids.length; i++) {
            police.append(ids[i])
                    .append(",人")
                    .append(i)
                    .append(",在册,2000-01-01,")
                    .append(village)
                    .append(',')
                    .append(village)
                    .append(',')
                    .append(i == 3 ? g2 : g1)
                    .append('\n');
        }
        importer.importAs("clerk.process", ExtractKind.POLICE_HOUSEHOLD, "process.csv", police.toString());
        importer.importAs(
                "clerk.process",
                ExtractKind.INSURANCE_STATUS,
                "process-insured.csv",
                ExtractHeaders.INSURANCE + ids[0] + ",人0," + YEAR + ",居民,本地\n" + ids[1] + ",人1," + (YEAR - 1)
                        + ",居民,本地\n");
        return grids;
    }

    /** The user's open tasks of this campaign (other tests' campaigns may have tasks for the same groups). */
    private List<InboxTask> open(String user, TaskFilter filter, Campaign campaign) {
        return security.as(user, () -> inbox.open(filter)).stream()
                .filter(t -> Long.toString(campaign.id()).equals(t.businessKey()))
                .toList();
    }

    /** The region's own leader (township leader, village cadre) splits its target as suggested. */
    private void completeSplit(Campaign campaign, String regionCode) {
        Task task = splitTask(campaign, regionCode);
        Role leader = regionCode.endsWith("000") ? Role.TOWNSHIP_LEADER : Role.VILLAGE_CADRE;
        TargetTable table = security.actingAt(regionCode, leader, () -> targets.table(campaign.id(), regionCode));
        security.actingAt(
                regionCode,
                leader,
                () -> tasks.complete(
                        task.getId(), Map.of(BreakdownProcess.VAR_TARGETS, TargetVariables.toJson(targetsOf(table)))));
    }

    private Task splitTask(Campaign campaign, String regionCode) {
        return splitTasks(campaign).stream()
                .filter(t -> regionOf(t.getProcessInstanceId()).equals(regionCode))
                .findFirst()
                .orElseThrow();
    }

    private List<Task> splitTasks(Campaign campaign) {
        return tasks.createTaskQuery()
                .processInstanceBusinessKey(Long.toString(campaign.id()))
                .taskDefinitionKey(BreakdownProcess.TASK_SPLIT)
                .list();
    }

    private List<Task> villageTasks(Campaign campaign, String township) {
        return splitTasks(campaign).stream()
                .filter(t -> {
                    String r = regionOf(t.getProcessInstanceId());
                    return r.startsWith(township.substring(0, 9)) && !r.equals(township);
                })
                .toList();
    }

    private String regionOf(InboxTask t) {
        return regionOf(t.processInstanceId());
    }

    private String regionOf(Task t) {
        return regionOf(t.getProcessInstanceId());
    }

    private String regionOf(String processInstanceId) {
        return (String) runtime.getVariable(processInstanceId, BreakdownProcess.VAR_REGION_CODE);
    }

    private static InboxTask single(List<InboxTask> open, Campaign campaign, String key) {
        List<InboxTask> matching = open.stream()
                .filter(t -> t.taskDefinitionKey().equals(key)
                        && Long.toString(campaign.id()).equals(t.businessKey()))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static TargetRow row(TargetTable table, String code) {
        return table.children().stream()
                .filter(r -> r.regionCode().equals(code))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Integer> targetsOf(TargetTable table) {
        return table.children().stream()
                .collect(Collectors.toMap(TargetRow::regionCode, TargetRow::target, (a, b) -> a, LinkedHashMap::new));
    }

    private Job campaignTimer(Campaign campaign) {
        return management
                .createJobQuery()
                .processInstanceId(campaign.processInstanceId())
                .timers()
                .singleResult();
    }

    private static void moveClockDays(double days) {
        ClockUtil.setCurrentTime(new Date(
                System.currentTimeMillis() + (long) (days * Duration.ofDays(1).toMillis())));
    }

    /** Runs every timer that is due at the engine's current time, as the job executor would. */
    private void executeDueTimers() {
        List<Job> due = management
                .createJobQuery()
                .timers()
                .duedateLowerThan(ClockUtil.getCurrentTime())
                .list();
        due.forEach(j -> management.executeJob(j.getId()));
    }

    /** Completes a breakdown task as that user with these targets and this justification. */
    private void split(String user, String taskId, Map<String, Integer> figures, String comment) {
        security.as(
                user,
                () -> inbox.complete(
                        taskId,
                        Map.of(
                                BreakdownProcess.VAR_TARGETS,
                                TargetVariables.toJson(figures),
                                BreakdownProcess.VAR_COMMENT,
                                comment)));
    }
}
