package cn.canbao.escalation;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.ProcessTestBase;
import cn.canbao.base.AccessRefused;
import cn.canbao.base.CanbaoClock;
import cn.canbao.base.DomainException;
import cn.canbao.bulletin.BulletinPublished;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.bulletin.BulletinService;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.escalation.EscalationRule.Combine;
import cn.canbao.escalation.process.EscalationProcess;
import cn.canbao.region.NewRegion;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Escalation on the demo county through the real engine (timers run as the job executor would run them, at the
 * engine's clock). Lagging only proposes a summons: the county leader confirms it (summons, plan, re-check, report to
 * the levels the county set), waives it with a reason (nothing summoned, the case ends) or postpones it (a timer, then
 * proposed again). Who lags comes from the county's thresholds, not a fixed bottom three; a county with no level above
 * it set closes a still-lagging case at the county.
 */
@CanbaoIntegrationTest
class EscalationIT extends ProcessTestBase {

    /** The application's zone in the tests (canbao.zone unset). */
    static final ZoneId ZONE = CanbaoClock.DEFAULT_ZONE;

    static final int YEAR = 2050;

    @Autowired
    EscalationService escalations;

    @Autowired
    BulletinService bulletins;

    @Autowired
    ApplicationEventPublisher events;

    private Campaign campaign;
    private String x;
    private String y;
    private List<String> others;
    private String leader;
    private String clerk;
    private String xLeader;
    private String yLeader;

    @BeforeEach
    void startCampaign() {
        List<String> townships =
                SystemAccess.call(() -> regions.descendantsAtLevel(COUNTY, RegionLevel.TOWNSHIP)).stream()
                        .map(Region::code)
                        .sorted()
                        .toList();
        assertThat(townships).hasSize(22);
        x = townships.get(1);
        y = townships.get(2);
        others = new ArrayList<>(townships);
        others.removeAll(List.of(x, y));
        leader = security.ensureUser("county.leader.escalation", COUNTY, Role.COUNTY_LEADER);
        clerk = security.ensureUser("county.clerk.escalation", COUNTY, Role.CLERK);
        xLeader = security.ensureUser("township.leader.escalation.x", x, Role.TOWNSHIP_LEADER);
        yLeader = security.ensureUser("township.leader.escalation.y", y, Role.TOWNSHIP_LEADER);
        LocalDate today = LocalDate.now(ZONE);
        campaign = testCampaigns.start(
                leader, NewCampaign.of("约谈整改测试行动", YEAR, COUNTY, today.minusDays(20), today.plusDays(40)));
        // X has a target and nobody enrolled: 0 % done, below any expected line after the start
        jdbc.update("update target set target = 100 where campaign_id = ? and region_code = ?", campaign.id(), x);
    }

    /** Other tests count the tasks of demo townships: no instance of this campaign outlives its test. */
    @AfterEach
    void resetClockAndDeleteInstances() {
        ClockUtil.reset();
        testCampaigns.endAll(campaign);
    }

    @Test
    void xAtTheBottomOfTwoBulletinsRunningIsProposedConfirmedSummonedRecheckedAndReportedToTheCity() {
        // the county ranks: bottom 3, or below the line; the re-check looks at the line only
        rule(3, "0", null, Combine.ANY, 2, 3, List.of(RegionLevel.CITY));
        long first = publishedBulletin(1, ranking(others.subList(0, 4), y, others.subList(4, 20), x));
        publish(first);
        assertThat(cases()).isEmpty();
        assertThat(row(first, x))
                .extracting(BulletinRow::lagging, BulletinRow::laggingReason, BulletinRow::escalationCaseId)
                .containsExactly(true, "排名后3位", null);
        assertThat(row(first, y).lagging()).isFalse();

        long second = publishedBulletin(2, ranking(others.subList(18, 20), others.subList(0, 18), y, x));
        publish(second);
        List<EscalationCase> opened = cases();
        assertThat(opened).hasSize(1);
        EscalationCase c = opened.get(0);
        assertThat(c)
                .extracting(
                        EscalationCase::townshipCode,
                        EscalationCase::bulletinId,
                        EscalationCase::reason,
                        EscalationCase::level,
                        EscalationCase::status)
                .containsExactly(x, second, "排名后3位", 1, EscalationStatus.PROPOSED);
        assertThat(row(second, x))
                .extracting(BulletinRow::lagging, BulletinRow::escalationCaseId)
                .containsExactly(true, c.id());
        assertThat(row(second, y))
                .extracting(BulletinRow::lagging, BulletinRow::escalationCaseId)
                .containsExactly(true, null);
        // publishing the same bulletin again opens no second case
        publish(second);
        assertThat(cases()).hasSize(1);

        // a proposal, not a summons: the county leader decides; no summons task until confirmed
        InboxTask proposal = task(leader, EscalationProcess.TASK_PROPOSE_SUMMONS);
        assertThat(proposal.name()).isEqualTo("是否约谈（" + c.townshipName() + "）");
        assertThat(tasks(leader))
                .extracting(InboxTask::taskDefinitionKey)
                .containsExactly(EscalationProcess.TASK_PROPOSE_SUMMONS);
        decide(proposal, "CONFIRM", "", "");
        assertThat(get(c.id()).status()).isEqualTo(EscalationStatus.SUMMONS);

        // 约谈: a date in the future is refused, the task stays; then the summons is recorded
        InboxTask summons = task(leader, EscalationProcess.TASK_SUMMONS);
        assertThat(summons.name()).isEqualTo("约谈（" + c.townshipName() + "）");
        LocalDate today = LocalDate.now(ZONE);
        assertThatThrownBy(() -> summon(summons, today.plusDays(1)))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).messageKey()).isEqualTo("escalation.summons.badDate"));
        summon(summons, today);
        assertThat(get(c.id()))
                .extracting(EscalationCase::status, EscalationCase::summonsDate, EscalationCase::planDeadline)
                .containsExactly(EscalationStatus.RECTIFYING, today, today.plusDays(7));

        // the plan: X's leader has the task, Y's leader sees nothing of it
        assertThat(tasks(yLeader)).isEmpty();
        InboxTask plan = task(xLeader, EscalationProcess.TASK_RECTIFICATION_PLAN);
        assertThat(plan.due())
                .isEqualTo(CampaignService.endOf(today.plusDays(3), ZONE).toInstant());
        security.as(xLeader, () -> inbox.complete(plan.id(), Map.of(EscalationProcess.VAR_PLAN, "包村干部逐户走访未参保人员")));
        assertThat(get(c.id()).status()).isEqualTo(EscalationStatus.RECHECK);
        assertThat(tasks(xLeader)).isEmpty();

        // the deadline passes with X's completion unchanged: still lagging, the county reports to the city it set
        Date deadline = CampaignService.endOf(today.plusDays(7), ZONE);
        ClockUtil.setCurrentTime(new Date(deadline.getTime() + 60_000));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);
        EscalationCase escalated = get(c.id());
        assertThat(escalated)
                .extracting(
                        EscalationCase::status,
                        EscalationCase::level,
                        EscalationCase::recheckCompletion,
                        EscalationCase::reportLevels)
                .containsExactly(EscalationStatus.ESCALATED, 2, new BigDecimal("0.00"), List.of(RegionLevel.CITY));
        assertThat(escalated.recheckExpected()).isGreaterThan(new BigDecimal("40"));
        assertThat(escalated.open()).isTrue();

        InboxTask report = task(leader, EscalationProcess.TASK_REPORT_TO_CITY);
        assertThat(report.name()).isEqualTo("报请上级督办（" + c.townshipName() + "：泉州市）");
        security.as(
                leader,
                () -> inbox.complete(
                        report.id(),
                        Map.of(
                                EscalationProcess.VAR_REPORT,
                                "该乡镇整改期满仍滞后，请求市级督办",
                                EscalationProcess.VAR_REPORTED_TO,
                                "市医保局")));
        EscalationCase closed = get(c.id());
        assertThat(closed)
                .extracting(EscalationCase::status, EscalationCase::level, EscalationCase::reportedTo)
                .containsExactly(EscalationStatus.ESCALATED, 2, "市医保局");
        assertThat(closed.open()).isFalse();
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(c.processInstanceId())
                        .count())
                .isZero();
        assertThat(security.as(leader, () -> escalations.history(c.id())))
                .extracting(EscalationEvent::event)
                .containsExactly(
                        "OPENED", "CONFIRMED", "SUMMONED", "PLAN_SUBMITTED", "RECHECKED", "ESCALATED", "REPORTED");
        assertThat(security.as(leader, () -> escalations.history(c.id())))
                .extracting(EscalationEvent::actor)
                .containsExactly("system", leader, leader, xLeader, "system", "system", leader);

        // scoping: X's leader sees the case, Y's leader does not
        assertThat(security.as(xLeader, () -> escalations.cases(campaign.id())))
                .extracting(EscalationCase::id)
                .containsExactly(c.id());
        assertThat(security.as(yLeader, () -> escalations.cases(campaign.id()))).isEmpty();
        assertThatThrownBy(() -> security.as(yLeader, () -> escalations.history(c.id())))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aWaivedSummonsNeedsAReasonIsRecordedAndSummonsNobody() {
        rule(3, null, null, Combine.ANY, 1, 3, List.of(RegionLevel.CITY));
        publish(publishedBulletin(1, ranking(others.subList(0, 20), y, x)));
        EscalationCase c = caseOf(x);
        InboxTask proposal = task(leader, EscalationProcess.TASK_PROPOSE_SUMMONS, c);

        // no reason: refused, the task stays open and the case proposed
        assertThatThrownBy(() -> decide(proposal, "WAIVE", "  ", ""))
                .isInstanceOf(DomainException.class)
                .satisfies(e ->
                        assertThat(((DomainException) e).messageKey()).isEqualTo("escalation.proposal.reasonRequired"));
        assertThat(get(c.id()).status()).isEqualTo(EscalationStatus.PROPOSED);
        // the township's own leader may not decide on its summons
        assertThatThrownBy(() -> security.as(
                        xLeader, () -> escalations.decideProposal(c.id(), ProposalDecision.WAIVE, "自己免了", null)))
                .isInstanceOf(AccessRefused.class);

        decide(proposal, "WAIVE", "该镇外出务工人员集中，已专题部署", "");
        EscalationCase waived = get(c.id());
        assertThat(waived)
                .extracting(EscalationCase::status, EscalationCase::waiveReason, EscalationCase::summonsDate)
                .containsExactly(EscalationStatus.WAIVED, "该镇外出务工人员集中，已专题部署", null);
        assertThat(waived.open()).isFalse();
        assertEndedWithoutTasksFor(leader, c);
        assertThat(tasks(xLeader)).isEmpty();
        assertThat(security.as(leader, () -> escalations.history(c.id())))
                .extracting(EscalationEvent::event, EscalationEvent::detail, EscalationEvent::actor)
                .containsExactly(tuple("OPENED", "排名后3位", "system"), tuple("WAIVED", "该镇外出务工人员集中，已专题部署", leader));
        // the other two proposals are still there, each for its own decision
        assertThat(cases())
                .filteredOn(e -> e.status() == EscalationStatus.PROPOSED)
                .hasSize(2);
    }

    @Test
    void aPostponedSummonsIsProposedAgainWhenItsTimerFires() {
        // bottom 3 or below the line: X (0 % done) is still below the line when the postponement ends, whatever the
        // other townships' figures (a ranking alone would tie everyone at 0 %)
        rule(3, "0", null, Combine.ANY, 1, 3, List.of(RegionLevel.CITY));
        publish(publishedBulletin(1, ranking(others.subList(0, 20), y, x)));
        EscalationCase c = caseOf(x);
        InboxTask proposal = task(leader, EscalationProcess.TASK_PROPOSE_SUMMONS, c);
        LocalDate today = LocalDate.now(ZONE);

        // today and more than 30 days ahead are refused
        for (LocalDate bad : List.of(today, today.plusDays(31))) {
            assertThatThrownBy(() -> decide(proposal, "POSTPONE", "", bad.toString()))
                    .isInstanceOf(DomainException.class)
                    .satisfies(e -> assertThat(((DomainException) e).messageKey())
                            .isEqualTo("escalation.proposal.badPostpone"));
        }
        decide(proposal, "POSTPONE", "等下一期通报再看", today.plusDays(3).toString());
        assertThat(get(c.id()))
                .extracting(EscalationCase::status, EscalationCase::postponedUntil)
                .containsExactly(EscalationStatus.POSTPONED, today.plusDays(3));
        assertThat(tasks(leader).stream().filter(t -> t.processInstanceId().equals(c.processInstanceId())))
                .isEmpty();
        Job timer = management
                .createJobQuery()
                .processInstanceId(c.processInstanceId())
                .timers()
                .singleResult();
        assertThat(timer.getDuedate())
                .isEqualTo(Date.from(today.plusDays(3).atStartOfDay(ZONE).toInstant()));

        // a day before, nothing fires; on the day, the summons is proposed again
        ClockUtil.setCurrentTime(
                Date.from(today.plusDays(2).atTime(12, 0).atZone(ZONE).toInstant()));
        assertThat(executeDueTimers(c.processInstanceId())).isZero();
        ClockUtil.setCurrentTime(
                Date.from(today.plusDays(3).atTime(0, 1).atZone(ZONE).toInstant()));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);
        assertThat(get(c.id()).status()).isEqualTo(EscalationStatus.PROPOSED);
        InboxTask again = task(leader, EscalationProcess.TASK_PROPOSE_SUMMONS, c);
        assertThat(again.id()).isNotEqualTo(proposal.id());
        decide(again, "CONFIRM", "", "");
        assertThat(task(leader, EscalationProcess.TASK_SUMMONS, c)).isNotNull();
        assertThat(security.as(leader, () -> escalations.history(c.id())))
                .extracting(EscalationEvent::event, EscalationEvent::actor)
                .containsExactly(
                        tuple("OPENED", "system"),
                        tuple("POSTPONED", leader),
                        tuple("RECHECKED_AFTER_POSTPONE", "system"),
                        tuple("PROPOSED_AGAIN", "system"),
                        tuple("CONFIRMED", leader));
        assertThat(security.as(leader, () -> escalations.history(c.id())))
                .extracting(EscalationEvent::detail)
                .contains(today.plusDays(3) + "；等下一期通报再看", today.plusDays(3).toString())
                .first()
                .asString()
                .startsWith("排名后3位");
    }

    @Test
    void aTownshipThatCaughtUpWhileTheDecisionWaitedIsNotProposedAgain() {
        rule(3, "5", null, Combine.ANY, 1, 3, List.of(RegionLevel.CITY));
        publish(publishedBulletin(1, ranking(others.subList(0, 20), y, x)));
        EscalationCase c = caseOf(x);
        LocalDate today = LocalDate.now(ZONE);
        decide(
                task(leader, EscalationProcess.TASK_PROPOSE_SUMMONS, c),
                "POSTPONE",
                "看下周进度",
                today.plusDays(2).toString());

        // X meets its target meanwhile: when the postponement ends it is no longer below the line
        jdbc.update("update target set target = 0 where campaign_id = ? and region_code = ?", campaign.id(), x);
        ClockUtil.setCurrentTime(
                Date.from(today.plusDays(2).atTime(0, 1).atZone(ZONE).toInstant()));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);
        EscalationCase resolved = get(c.id());
        assertThat(resolved.status()).isEqualTo(EscalationStatus.RESOLVED);
        assertThat(resolved.open()).isFalse();
        assertEndedWithoutTasksFor(leader, c);
        assertThat(security.as(leader, () -> escalations.history(c.id())))
                .extracting(EscalationEvent::event)
                .containsExactly("OPENED", "POSTPONED", "RECHECKED_AFTER_POSTPONE", "RESOLVED");
    }

    @Test
    void onlyTheTownshipsBelowTheCountysThresholdAreProposedHoweverManyThatIs() {
        // coverage below 90 % is the county's only criterion: the ranking counts for nothing
        rule(null, null, "90", Combine.ANY, 1, 3, List.of(RegionLevel.CITY));
        Map<String, BigDecimal> coverage = new HashMap<>();
        coverage.put(x, new BigDecimal("85.50"));
        // the last of the ranking (X) is the only one below 90 %; Y, second to last, is at 90.00
        coverage.put(y, new BigDecimal("90.00"));
        long first = publishedBulletin(1, ranking(others.subList(0, 20), y, x), coverage);
        publish(first);
        assertThat(cases())
                .extracting(EscalationCase::townshipCode, EscalationCase::reason)
                .containsExactly(tuple(x, "参保率85.50%低于90.00%"));
        assertThat(row(first, y).lagging()).isFalse();

        // five townships below it in the next bulletin (X's case is still open): four more proposals, not three
        List<String> below = others.subList(0, 4);
        below.forEach(t -> coverage.put(t, new BigDecimal("80.00")));
        publish(publishedBulletin(2, ranking(others.subList(0, 20), y, x), coverage));
        List<String> proposed = new ArrayList<>(below);
        proposed.add(x);
        assertThat(cases()).extracting(EscalationCase::townshipCode).containsExactlyInAnyOrderElementsOf(proposed);
        assertThat(cases()).allMatch(e -> e.status() == EscalationStatus.PROPOSED);

        // all criteria together: bottom 3 AND below 90 % → of the five below 90 %, only X is also in the bottom 3
        rule(3, null, "90", Combine.ALL, 1, 3, List.of(RegionLevel.CITY));
        long third = publishedBulletin(3, ranking(others.subList(0, 20), y, x), coverage);
        publish(third);
        assertThat(SystemAccess.call(() -> bulletins.rows(third)))
                .filteredOn(BulletinRow::lagging)
                .extracting(BulletinRow::townshipCode, BulletinRow::laggingReason)
                .containsExactly(tuple(x, "排名后3位，参保率85.50%低于90.00%"));
    }

    @Test
    void aCountyWithNoLevelAboveItClosesAStillLaggingCaseAtTheCounty() {
        rule(3, "0", null, Combine.ANY, 1, 2, List.of());
        publish(publishedBulletin(1, ranking(others.subList(0, 20), y, x)));
        EscalationCase c = caseOf(x);
        decide(task(leader, EscalationProcess.TASK_PROPOSE_SUMMONS, c), "CONFIRM", "", "");
        summon(task(leader, EscalationProcess.TASK_SUMMONS, c), LocalDate.now(ZONE));
        Date planDue = CampaignService.endOf(LocalDate.now(ZONE).plusDays(2), ZONE);
        assertThat(get(c.id()).planDue()).isEqualTo(planDue.toInstant());
        ClockUtil.setCurrentTime(new Date(planDue.getTime() + 60_000));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);

        // no plan, no level above: closed at the county, reported nowhere, nobody has a task of it
        EscalationCase unresolved = get(c.id());
        assertThat(unresolved)
                .extracting(EscalationCase::status, EscalationCase::reportLevels, EscalationCase::reportedTo)
                .containsExactly(EscalationStatus.UNRESOLVED, List.of(), null);
        assertThat(unresolved.open()).isFalse();
        assertEndedWithoutTasksFor(leader, c);
        assertThat(security.as(leader, () -> escalations.history(c.id())))
                .extracting(EscalationEvent::event, EscalationEvent::detail)
                .containsExactly(
                        tuple("OPENED", "排名后3位"),
                        tuple("CONFIRMED", null),
                        tuple("SUMMONED", LocalDate.now(ZONE) + "；县长、乡长、医保站长"),
                        tuple("PLAN_OVERDUE", planDue.toInstant().toString()),
                        tuple("NOT_REPORTED", "PLAN_OVERDUE"));
    }

    @Test
    void aCountyThatReportsToCityAndProvinceNamesBoth() {
        rule(3, "0", null, Combine.ANY, 1, 2, List.of(RegionLevel.CITY, RegionLevel.PROVINCE));
        publish(publishedBulletin(1, ranking(others.subList(0, 20), y, x)));
        EscalationCase c = caseOf(x);
        decide(task(leader, EscalationProcess.TASK_PROPOSE_SUMMONS, c), "CONFIRM", "", "");
        summon(task(leader, EscalationProcess.TASK_SUMMONS, c), LocalDate.now(ZONE));
        ClockUtil.setCurrentTime(new Date(
                CampaignService.endOf(LocalDate.now(ZONE).plusDays(2), ZONE).getTime() + 60_000));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);
        assertThat(task(leader, EscalationProcess.TASK_REPORT_TO_CITY, c).name())
                .isEqualTo("报请上级督办（" + c.townshipName() + "：泉州市、福建省）");
        assertThat(get(c.id()).reportLevels()).containsExactly(RegionLevel.CITY, RegionLevel.PROVINCE);
    }

    @Test
    void aCountyWithoutItsOwnRuleRunsOnTheConfiguredDefaults() {
        String county = "350579000000";
        SystemAccess.run(() -> regions.createMissing(
                List.of(NewRegion.region(county, "默认规则测试县", RegionLevel.COUNTY, "350500000000", null, true))));
        // canbao.escalation.defaults in application.yml: 0 points below the line, no ranking, no coverage, the city
        assertThat(SystemAccess.call(() -> escalations.countyRule(county)))
                .isEqualTo(new EscalationRule(
                        county,
                        null,
                        BigDecimal.ZERO,
                        null,
                        Combine.ANY,
                        2,
                        7,
                        3,
                        List.of(RegionLevel.CITY),
                        null,
                        null));
        assertThatThrownBy(() -> SystemAccess.call(() -> escalations.countyRule(x)))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).messageKey()).isEqualTo("escalation.rule.notCounty"));
    }

    @Test
    void theCountysLeadersAndClerksSetItsRuleWithinBoundsAndEveryChangeIsKept() {
        EscalationRule valid = new EscalationRule(
                COUNTY,
                null,
                new BigDecimal("5"),
                new BigDecimal("92.5"),
                Combine.ALL,
                2,
                10,
                4,
                List.of(RegionLevel.CITY),
                null,
                null);
        assertThatThrownBy(() -> security.as(xLeader, () -> escalations.saveRule(valid)))
                .isInstanceOf(DomainException.class);
        EscalationRule saved = security.as(clerk, () -> escalations.saveRule(valid));
        assertThat(saved)
                .extracting(
                        EscalationRule::bottomN,
                        EscalationRule::belowLinePoints,
                        EscalationRule::coverageBelow,
                        EscalationRule::combine,
                        EscalationRule::rectificationDays,
                        EscalationRule::reportLevels,
                        EscalationRule::updatedBy)
                .containsExactly(
                        null,
                        new BigDecimal("5.00"),
                        new BigDecimal("92.50"),
                        Combine.ALL,
                        10,
                        List.of(RegionLevel.CITY),
                        clerk);
        assertThat(security.as(leader, () -> escalations.rule(campaign.id()))).isEqualTo(saved);

        for (EscalationRule bad : List.of(
                new EscalationRule(COUNTY, null, null, null, Combine.ANY, 2, 7, 3, List.of(), null, null),
                new EscalationRule(COUNTY, 0, null, null, Combine.ANY, 2, 7, 3, List.of(), null, null),
                new EscalationRule(
                        COUNTY, null, null, new BigDecimal("101"), Combine.ANY, 2, 7, 3, List.of(), null, null),
                new EscalationRule(COUNTY, 3, null, null, Combine.ANY, 0, 7, 3, List.of(), null, null),
                new EscalationRule(
                        COUNTY, 3, null, null, Combine.ANY, 2, 7, 3, List.of(RegionLevel.COUNTY), null, null))) {
            assertThatThrownBy(() -> security.as(leader, () -> escalations.saveRule(bad)))
                    .isInstanceOf(DomainException.class)
                    .satisfies(
                            e -> assertThat(((DomainException) e).messageKey()).isEqualTo("escalation.rule.invalid"));
        }
        rule(3, null, null, Combine.ANY, 2, 3, List.of());
        List<EscalationRule> history = security.as(leader, () -> escalations.ruleHistory(COUNTY));
        assertThat(history.get(0))
                .extracting(
                        EscalationRule::updatedBy,
                        EscalationRule::bottomN,
                        EscalationRule::belowLinePoints,
                        EscalationRule::coverageBelow,
                        EscalationRule::reportLevels)
                .containsExactly(leader, 3, null, null, List.of());
        assertThat(history.get(1)).isEqualTo(saved);
        assertThat(history).extracting(EscalationRule::updatedBy).startsWith(leader, clerk);
        assertThat(security.as(leader, () -> escalations.rule(campaign.id()))).isEqualTo(history.get(0));
    }

    @Test
    void aTownshipOnTheLineAtTheRecheckIsResolved() {
        rule(3, "5", null, Combine.ANY, 1, 3, List.of(RegionLevel.CITY));
        // a failing evaluation (no such campaign) is logged, not thrown at whoever published
        events.publishEvent(new BulletinPublished(-1, -1));

        publish(publishedBulletin(1, ranking(others.subList(0, 20), y, x)));
        EscalationCase c = caseOf(x);
        decide(task(leader, EscalationProcess.TASK_PROPOSE_SUMMONS, c), "CONFIRM", "", "");
        summon(task(leader, EscalationProcess.TASK_SUMMONS, c), LocalDate.now(ZONE));
        security.as(
                xLeader,
                () -> inbox.complete(
                        task(xLeader, EscalationProcess.TASK_RECTIFICATION_PLAN, c)
                                .id(),
                        Map.of(EscalationProcess.VAR_PLAN, "集中缴费日")));

        // X catches up (here: its target is met), so at the deadline it is no longer below the line
        jdbc.update("update target set target = 0 where campaign_id = ? and region_code = ?", campaign.id(), x);
        ClockUtil.setCurrentTime(new Date(
                CampaignService.endOf(LocalDate.now(ZONE).plusDays(7), ZONE).getTime() + 60_000));
        assertThat(executeDueTimers(c.processInstanceId())).isEqualTo(1);
        EscalationCase resolved = get(c.id());
        assertThat(resolved)
                .extracting(EscalationCase::status, EscalationCase::level, EscalationCase::recheckCompletion)
                .containsExactly(EscalationStatus.RESOLVED, 1, new BigDecimal("100.00"));
        assertThat(resolved.open()).isFalse();
        assertThat(tasks(leader).stream().filter(t -> t.processInstanceId().equals(c.processInstanceId())))
                .isEmpty();
        assertThat(security.as(leader, () -> escalations.history(c.id())))
                .extracting(EscalationEvent::event)
                .containsExactly("OPENED", "CONFIRMED", "SUMMONED", "PLAN_SUBMITTED", "RECHECKED", "RESOLVED");
    }

    /** The county leader sets the demo county's rule (it is the county's, shared by every campaign there). */
    private void rule(
            Integer bottomN,
            String belowLine,
            String coverageBelow,
            Combine combine,
            int running,
            int planDays,
            List<RegionLevel> reportTo) {
        security.as(
                leader,
                () -> escalations.saveRule(new EscalationRule(
                        COUNTY,
                        bottomN,
                        belowLine == null ? null : new BigDecimal(belowLine),
                        coverageBelow == null ? null : new BigDecimal(coverageBelow),
                        combine,
                        running,
                        7,
                        planDays,
                        reportTo,
                        null,
                        null)));
    }

    private void decide(InboxTask proposal, String decision, String reason, String until) {
        security.as(
                leader,
                () -> inbox.complete(
                        proposal.id(),
                        Map.of(
                                EscalationProcess.VAR_DECISION,
                                decision,
                                EscalationProcess.VAR_WAIVE_REASON,
                                reason,
                                EscalationProcess.VAR_POSTPONE_UNTIL,
                                until)));
    }

    private EscalationCase caseOf(String township) {
        return cases().stream()
                .filter(e -> e.townshipCode().equals(township))
                .findFirst()
                .orElseThrow();
    }

    private void summon(InboxTask summons, LocalDate date) {
        security.as(
                leader,
                () -> inbox.complete(
                        summons.id(),
                        Map.of(
                                EscalationProcess.VAR_SUMMONS_DATE,
                                date.toString(),
                                EscalationProcess.VAR_ATTENDEES,
                                "县长、乡长、医保站长",
                                EscalationProcess.VAR_MINUTES,
                                "分析滞后原因，要求一周内整改")));
    }

    /** Inserts a published bulletin whose rows rank the townships in the order given (22 rows). */
    private long publishedBulletin(int number, List<String> ranking) {
        return publishedBulletin(number, ranking, null);
    }

    /** The same with these townships' coverage rates, the others' at 99 % (null: every coverage = completion). */
    private long publishedBulletin(int number, List<String> ranking, Map<String, BigDecimal> coverage) {
        Long id = jdbc.queryForObject(
                "insert into bulletin (campaign_id, number, period_end, status, published_at, "
                        + "published_by) values (?, ?, ?, 'PUBLISHED', now(), ?) returning id",
                Long.class,
                campaign.id(),
                number,
                LocalDate.now(ZONE).minusDays(10 - number),
                leader);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ranking.size(); i++) {
            int rank = i + 1;
            // every township above the expected line (30 %): only the ranking makes anyone lag
            BigDecimal completion = BigDecimal.valueOf(100 - rank);
            rows.add(new Object[] {
                id,
                ranking.get(i),
                rank,
                100,
                100 - rank,
                completion,
                coverage == null ? completion : coverage.getOrDefault(ranking.get(i), new BigDecimal("99.00")),
                new BigDecimal("30.00")
            });
        }
        jdbc.batchUpdate(
                "insert into bulletin_row (bulletin_id, township_code, rank, target, enrolled, completion, "
                        + "coverage_rate, expected_completion, reports_due, reports_late, reports_missing, band) "
                        + "values (?,?,?,?,?,?,?,?,0,0,0,'GREEN')",
                rows);
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
                .filter(r -> r.townshipCode().equals(township))
                .findFirst()
                .orElseThrow();
    }

    /** The user's open escalation tasks of this campaign. */
    private List<InboxTask> tasks(String user) {
        return security.as(user, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> Long.toString(campaign.id()).equals(t.businessKey())
                        && EscalationProcess.KEY.equals(t.processDefinitionKey()))
                .toList();
    }

    private InboxTask task(String user, String key) {
        List<InboxTask> matching = tasks(user).stream()
                .filter(t -> t.taskDefinitionKey().equals(key))
                .toList();
        assertThat(matching).as(key).hasSize(1);
        return matching.get(0);
    }

    /** The case's process has ended and left the user no task of it. */
    private void assertEndedWithoutTasksFor(String user, EscalationCase c) {
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(c.processInstanceId())
                        .count())
                .isZero();
        assertThat(tasks(user).stream().filter(t -> t.processInstanceId().equals(c.processInstanceId())))
                .isEmpty();
    }

    private InboxTask task(String user, String key, EscalationCase c) {
        return tasks(user).stream()
                .filter(t -> t.taskDefinitionKey().equals(key)
                        && t.processInstanceId().equals(c.processInstanceId()))
                .findFirst()
                .orElseThrow();
    }

    /** Runs the instance's timers due at the engine's clock, as the job executor would; returns how many. */
    private int executeDueTimers(String processInstanceId) {
        List<Job> due = management
                .createJobQuery()
                .processInstanceId(processInstanceId)
                .timers()
                .duedateLowerThan(ClockUtil.getCurrentTime())
                .list();
        due.forEach(j -> management.executeJob(j.getId()));
        return due.size();
    }
}
