package cn.canbao.escalation;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.DomainException;
import cn.canbao.bulletin.BulletinPublished;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.bulletin.BulletinService;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import cn.canbao.task.TaskInbox;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Escalation on the demo county: two published bulletins where township X is at the bottom of both
 * and Y of the second only open exactly one case, for X; the case is walked through the summons, the
 * plan, the re-check at the deadline (still lagging) to the report to the city (level 2). A second
 * case goes to the city because no plan came by its due date.
 */
@CanbaoIntegrationTest
class EscalationIT {

    static final String COUNTY = "350525000000";
    static final int YEAR = 2050;

    @Autowired
    CampaignService campaigns;
    @Autowired
    EscalationService escalations;
    @Autowired
    BulletinService bulletins;
    @Autowired
    TaskInbox inbox;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    SecurityTestSupport security;
    @Autowired
    RegionService regions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;

    private Campaign campaign;
    private String x;
    private String y;
    private List<String> others;
    private String leader;
    private String xLeader;
    private String yLeader;

    @BeforeEach
    void startCampaign() {
        List<String> townships = SystemAccess.call(() -> regions.descendantsAtLevel(COUNTY, RegionLevel.TOWNSHIP))
                .stream().map(Region::code).sorted().toList();
        assertThat(townships).hasSize(22);
        x = townships.get(1);
        y = townships.get(2);
        others = new ArrayList<>(townships);
        others.removeAll(List.of(x, y));
        leader = security.ensureUser("county.leader.escalation", COUNTY, Role.COUNTY_LEADER);
        xLeader = security.ensureUser("township.leader.escalation.x", x, Role.TOWNSHIP_LEADER);
        yLeader = security.ensureUser("township.leader.escalation.y", y, Role.TOWNSHIP_LEADER);
        LocalDate today = LocalDate.now(CampaignService.ZONE);
        campaign = security.as(leader, () -> campaigns.start(NewCampaign.of("约谈整改测试行动", YEAR, COUNTY,
                today.minusDays(20), today.plusDays(40))));
        // X has a target and nobody enrolled: 0 % done, below any expected line after the start
        jdbc.update("update target set target = 100 where campaign_id = ? and region_code = ?", campaign.id(), x);
    }

    /** Other tests count the tasks of demo townships: no instance of this campaign outlives its test. */
    @AfterEach
    void resetClockAndDeleteInstances() {
        ClockUtil.reset();
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(campaign.id())).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test finished", true));
    }

    @Test
    void xAtTheBottomOfTwoBulletinsRunningIsSummonedRecheckedAndEscalatedToTheCity() {
        long first = publishedBulletin(1, ranking(others.subList(0, 4), y, others.subList(4, 20), x));
        publish(first);
        assertThat(cases()).isEmpty();
        assertThat(row(first, x)).extracting(BulletinRow::lagging, BulletinRow::laggingReason, BulletinRow::escalationCaseId)
                .containsExactly(true, "排名后3位", null);
        assertThat(row(first, y).lagging()).isFalse();

        long second = publishedBulletin(2, ranking(others.subList(18, 20), others.subList(0, 18), y, x));
        publish(second);
        List<EscalationCase> opened = cases();
        assertThat(opened).hasSize(1);
        EscalationCase c = opened.get(0);
        assertThat(c).extracting(EscalationCase::townshipCode, EscalationCase::bulletinId, EscalationCase::reason,
                EscalationCase::level, EscalationCase::status).containsExactly(x, second, "排名后3位", 1, EscalationStatus.SUMMONS);
        assertThat(row(second, x)).extracting(BulletinRow::lagging, BulletinRow::escalationCaseId).containsExactly(true, c.id());
        assertThat(row(second, y)).extracting(BulletinRow::lagging, BulletinRow::escalationCaseId).containsExactly(true, null);
        // publishing the same bulletin again opens no second case
        publish(second);
        assertThat(cases()).hasSize(1);

        // 约谈: a date in the future is refused, the task stays; then the summons is recorded
        InboxTask summons = task(leader, EscalationProcess.TASK_SUMMONS);
        assertThat(summons.name()).isEqualTo("约谈（" + c.townshipName() + "）");
        LocalDate today = LocalDate.now(CampaignService.ZONE);
        assertThatThrownBy(() -> summon(summons, today.plusDays(1)))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).messageKey()).isEqualTo("escalation.summons.badDate"));
        summon(summons, today);
        assertThat(get(c.id())).extracting(EscalationCase::status, EscalationCase::summonsDate, EscalationCase::planDeadline)
                .containsExactly(EscalationStatus.RECTIFYING, today, today.plusDays(7));

        // the plan: X's leader has the task, Y's leader sees nothing of it
        assertThat(tasks(yLeader)).isEmpty();
        InboxTask plan = task(xLeader, EscalationProcess.TASK_RECTIFICATION_PLAN);
        assertThat(plan.due()).isEqualTo(CampaignService.endOf(today.plusDays(3)).toInstant());
        security.as(xLeader, () -> inbox.complete(plan.id(), Map.of(EscalationProcess.VAR_PLAN, "包村干部逐户走访未参保人员")));
        assertThat(get(c.id()).status()).isEqualTo(EscalationStatus.RECHECK);
        assertThat(tasks(xLeader)).isEmpty();

        // the deadline passes with X's completion unchanged: still lagging, the county reports to the city
        Date deadline = CampaignService.endOf(today.plusDays(7));
        ClockUtil.setCurrentTime(new Date(deadline.getTime() + 60_000));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);
        EscalationCase escalated = get(c.id());
        assertThat(escalated).extracting(EscalationCase::status, EscalationCase::level, EscalationCase::recheckCompletion)
                .containsExactly(EscalationStatus.ESCALATED, 2, new BigDecimal("0.00"));
        assertThat(escalated.recheckExpected()).isGreaterThan(new BigDecimal("40"));
        assertThat(escalated.open()).isTrue();

        InboxTask report = task(leader, EscalationProcess.TASK_REPORT_TO_CITY);
        security.as(leader, () -> inbox.complete(report.id(), Map.of(EscalationProcess.VAR_REPORT, "该乡镇整改期满仍滞后，请求市级督办",
                EscalationProcess.VAR_REPORTED_TO, "市医保局")));
        EscalationCase closed = get(c.id());
        assertThat(closed).extracting(EscalationCase::status, EscalationCase::level, EscalationCase::reportedTo)
                .containsExactly(EscalationStatus.ESCALATED, 2, "市医保局");
        assertThat(closed.open()).isFalse();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count()).isZero();
        assertThat(security.as(leader, () -> escalations.history(c.id()))).extracting(EscalationEvent::event)
                .containsExactly("OPENED", "SUMMONED", "PLAN_SUBMITTED", "RECHECKED", "ESCALATED", "REPORTED");
        assertThat(security.as(leader, () -> escalations.history(c.id()))).extracting(EscalationEvent::actor)
                .containsExactly("system", leader, xLeader, "system", "system", leader);

        // scoping: X's leader sees the case, Y's leader does not
        assertThat(security.as(xLeader, () -> escalations.cases(campaign.id()))).extracting(EscalationCase::id)
                .containsExactly(c.id());
        assertThat(security.as(yLeader, () -> escalations.cases(campaign.id()))).isEmpty();
        assertThatThrownBy(() -> security.as(yLeader, () -> escalations.history(c.id()))).isInstanceOf(DomainException.class);
    }

    @Test
    void noPlanByItsDueDateGoesStraightToTheCity() {
        security.as(leader, () -> escalations.saveRule(new EscalationRule(campaign.id(), 3, BigDecimal.ZERO, 1, 7, 2, null, null)));
        long only = publishedBulletin(1, ranking(others.subList(0, 20), y, x));
        publish(only);
        // one bulletin running is enough now: the bottom three lag, each gets a case
        assertThat(cases()).hasSize(3);
        EscalationCase c = cases().stream().filter(e -> e.townshipCode().equals(x)).findFirst().orElseThrow();

        InboxTask summons = task(leader, EscalationProcess.TASK_SUMMONS, c);
        summon(summons, LocalDate.now(CampaignService.ZONE));
        Date planDue = CampaignService.endOf(LocalDate.now(CampaignService.ZONE).plusDays(2));
        assertThat(get(c.id()).planDue()).isEqualTo(planDue.toInstant());
        ClockUtil.setCurrentTime(new Date(planDue.getTime() + 60_000));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);

        assertThat(tasks(xLeader)).isEmpty();
        assertThat(task(leader, EscalationProcess.TASK_REPORT_TO_CITY, c)).isNotNull();
        assertThat(get(c.id())).extracting(EscalationCase::status, EscalationCase::level, EscalationCase::plan)
                .containsExactly(EscalationStatus.ESCALATED, 2, null);
        assertThat(security.as(leader, () -> escalations.history(c.id()))).extracting(EscalationEvent::event, EscalationEvent::detail)
                .endsWith(org.assertj.core.groups.Tuple.tuple("ESCALATED", "PLAN_OVERDUE"));
        assertThat(security.as(leader, () -> escalations.history(c.id()))).extracting(EscalationEvent::event)
                .containsExactly("OPENED", "SUMMONED", "PLAN_OVERDUE", "ESCALATED");
    }

    @Test
    void aTownshipOnTheLineAtTheRecheckIsResolved() {
        assertThatThrownBy(() -> security.as(xLeader, () -> escalations.saveRule(new EscalationRule(campaign.id(), 3,
                BigDecimal.ZERO, 1, 7, 3, null, null)))).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).messageKey()).isEqualTo("escalation.rule.notAllowed"));
        EscalationRule rule = security.as(leader, () -> escalations.saveRule(new EscalationRule(campaign.id(), 3,
                new BigDecimal("5"), 1, 5, 3, null, null)));
        assertThat(rule).extracting(EscalationRule::bulletinsRunning, EscalationRule::rectificationDays, EscalationRule::updatedBy)
                .containsExactly(1, 5, leader);
        // a failing evaluation (no such campaign) is logged, not thrown at whoever published
        events.publishEvent(new BulletinPublished(-1, -1));

        publish(publishedBulletin(1, ranking(others.subList(0, 20), y, x)));
        EscalationCase c = cases().stream().filter(e -> e.townshipCode().equals(x)).findFirst().orElseThrow();
        summon(task(leader, EscalationProcess.TASK_SUMMONS, c), LocalDate.now(CampaignService.ZONE));
        security.as(xLeader, () -> inbox.complete(task(xLeader, EscalationProcess.TASK_RECTIFICATION_PLAN, c).id(),
                Map.of(EscalationProcess.VAR_PLAN, "集中缴费日")));

        // X catches up (here: its target is met), so at the deadline it is no longer below the line
        jdbc.update("update target set target = 0 where campaign_id = ? and region_code = ?", campaign.id(), x);
        ClockUtil.setCurrentTime(new Date(CampaignService.endOf(LocalDate.now(CampaignService.ZONE).plusDays(5)).getTime() + 60_000));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);
        EscalationCase resolved = get(c.id());
        assertThat(resolved).extracting(EscalationCase::status, EscalationCase::level, EscalationCase::recheckCompletion)
                .containsExactly(EscalationStatus.RESOLVED, 1, new BigDecimal("100.00"));
        assertThat(resolved.open()).isFalse();
        assertThat(tasks(leader).stream().filter(t -> t.processInstanceId().equals(c.processInstanceId()))).isEmpty();
        assertThat(security.as(leader, () -> escalations.history(c.id()))).extracting(EscalationEvent::event)
                .containsExactly("OPENED", "SUMMONED", "PLAN_SUBMITTED", "RECHECKED", "RESOLVED");
    }

    private void summon(InboxTask summons, LocalDate date) {
        security.as(leader, () -> inbox.complete(summons.id(), Map.of(EscalationProcess.VAR_SUMMONS_DATE, date.toString(),
                EscalationProcess.VAR_ATTENDEES, "县长、乡长、医保站长", EscalationProcess.VAR_MINUTES, "分析滞后原因，要求一周内整改")));
    }

    /** Inserts a published bulletin whose rows rank the townships in the order given (22 rows). */
    private long publishedBulletin(int number, List<String> ranking) {
        Long id = jdbc.queryForObject("insert into bulletin (campaign_id, number, period_end, status, published_at, "
                        + "published_by) values (?, ?, ?, 'PUBLISHED', now(), ?) returning id", Long.class,
                campaign.id(), number, LocalDate.now(CampaignService.ZONE).minusDays(10 - number), leader);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ranking.size(); i++) {
            int rank = i + 1;
            // every township above the expected line (30 %): only the ranking makes anyone lag
            BigDecimal completion = BigDecimal.valueOf(100 - rank);
            rows.add(new Object[]{id, ranking.get(i), rank, 100, 100 - rank, completion, completion, new BigDecimal("30.00")});
        }
        jdbc.batchUpdate("insert into bulletin_row (bulletin_id, township_code, rank, target, enrolled, completion, "
                + "coverage_rate, expected_completion, reports_due, reports_late, reports_missing, band) "
                + "values (?,?,?,?,?,?,?,?,0,0,0,'GREEN')", rows);
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ranking(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                all.addAll((List<String>) list);
            } else {
                all.add((String) part);
            }
        }
        assertThat(all).hasSize(22).doesNotHaveDuplicates();
        return all;
    }

    private void publish(long bulletinId) {
        events.publishEvent(new BulletinPublished(campaign.id(), bulletinId));
    }

    private List<EscalationCase> cases() {
        return security.as(leader, () -> escalations.cases(campaign.id()));
    }

    private EscalationCase get(long caseId) {
        return security.as(leader, () -> escalations.get(caseId));
    }

    private BulletinRow row(long bulletinId, String township) {
        return SystemAccess.call(() -> bulletins.rows(bulletinId)).stream()
                .filter(r -> r.townshipCode().equals(township)).findFirst().orElseThrow();
    }

    /** The user's open escalation tasks of this campaign. */
    private List<InboxTask> tasks(String user) {
        return security.as(user, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> Long.toString(campaign.id()).equals(t.businessKey())
                        && EscalationProcess.KEY.equals(t.processDefinitionKey())).toList();
    }

    private InboxTask task(String user, String key) {
        List<InboxTask> matching = tasks(user).stream().filter(t -> t.taskDefinitionKey().equals(key)).toList();
        assertThat(matching).as(key).hasSize(1);
        return matching.get(0);
    }

    private InboxTask task(String user, String key, EscalationCase c) {
        return tasks(user).stream().filter(t -> t.taskDefinitionKey().equals(key)
                && t.processInstanceId().equals(c.processInstanceId())).findFirst().orElseThrow();
    }

    /** Runs the instance's timers due at the engine's clock, as the job executor would; returns how many. */
    private int executeDueTimers(String processInstanceId) {
        List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).timers()
                .duedateLowerThan(ClockUtil.getCurrentTime()).list();
        due.forEach(j -> management.executeJob(j.getId()));
        return due.size();
    }
}
