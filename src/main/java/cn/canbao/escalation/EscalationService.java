package cn.canbao.escalation;

import cn.canbao.security.CurrentUser;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.bulletin.BulletinService;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.security.Role;
import cn.canbao.target.TargetProgress;
import cn.canbao.target.TargetService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Escalation of lagging townships (约谈 and 限期整改): decides from each published bulletin who lags
 * (the DMN decision {@code LaggingTownship} with the campaign's thresholds), opens a case when a
 * township lagged in enough bulletins running, and carries the case's steps for its process: summons,
 * rectification plan, re-check at the deadline, report to the city. Reads are scoped: a township
 * leader sees their own township's cases, the county all of them.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class EscalationService {

    private final EscalationCases cases;
    private final EscalationRules rules;
    private final LaggingDecision decision;
    private final BulletinService bulletins;
    private final CampaignService campaigns;
    private final TargetService targets;
    private final CurrentRegionScope scope;
    private final RuntimeService runtime;

    EscalationService(EscalationCases cases, EscalationRules rules, LaggingDecision decision, BulletinService bulletins,
                      CampaignService campaigns, TargetService targets, CurrentRegionScope scope, RuntimeService runtime) {
        this.cases = cases;
        this.rules = rules;
        this.decision = decision;
        this.bulletins = bulletins;
        this.campaigns = campaigns;
        this.targets = targets;
        this.scope = scope;
        this.runtime = runtime;
    }

    /**
     * Decides for every township of a published bulletin whether it lags, marks the bulletin's rows,
     * and opens a case (with its process) for a township that lagged in this bulletin and the
     * {@code bulletinsRunning − 1} published before it and has no open case. A township with an open
     * case is named with it in the bulletin. Returns the ids of the cases opened.
     */
    @Transactional
    public List<Long> evaluate(long campaignId, long bulletinId) {
        Campaign campaign = campaigns.get(campaignId);
        EscalationRule rule = rules.of(campaignId);
        List<BulletinRow> rows = bulletins.rows(bulletinId);
        Map<String, Integer> laggedBefore = laggedBefore(bulletinId, rule.bulletinsRunning() - 1);
        Map<String, Long> open = cases.openByTownship(campaignId);
        List<Long> opened = new ArrayList<>();
        for (BulletinRow row : rows) {
            LaggingVerdict verdict = decision.decide(row.rank(), rows.size(), rule, row.completion(), row.expectedCompletion());
            Long caseId = open.get(row.townshipCode());
            if (verdict.lagging() && caseId == null
                    && laggedBefore.getOrDefault(row.townshipCode(), 0) >= rule.bulletinsRunning() - 1) {
                caseId = openCase(campaign, bulletinId, row, verdict.reason());
                opened.add(caseId);
            }
            bulletins.markLagging(bulletinId, row.townshipCode(), verdict.lagging(), verdict.reason(), caseId);
        }
        return opened;
    }

    /** How many of the {@code count} published bulletins before this one each township lagged in. */
    private Map<String, Integer> laggedBefore(long bulletinId, int count) {
        Map<String, Integer> lagged = new HashMap<>();
        Long previous = bulletinId;
        for (int i = 0; i < count && previous != null; i++) {
            previous = bulletins.previousPublished(previous).orElse(null);
            if (previous != null) {
                bulletins.rows(previous).stream().filter(BulletinRow::lagging)
                        .forEach(r -> lagged.merge(r.townshipCode(), 1, Integer::sum));
            }
        }
        return lagged;
    }

    private long openCase(Campaign campaign, long bulletinId, BulletinRow row, String reason) {
        long id = cases.open(campaign.id(), row.townshipCode(), bulletinId, reason);
        Map<String, Object> variables = new HashMap<>();
        variables.put(EscalationProcess.VAR_CASE_ID, id);
        variables.put(EscalationProcess.VAR_CAMPAIGN_ID, campaign.id());
        variables.put(EscalationProcess.VAR_CAMPAIGN_NAME, campaign.name());
        variables.put(EscalationProcess.VAR_REGION_CODE, row.townshipCode());
        variables.put(EscalationProcess.VAR_REGION_NAME, row.townshipName());
        variables.put(EscalationProcess.VAR_COUNTY_LEADER_GROUP, Role.COUNTY_LEADER.groupAt(campaign.countyCode()));
        variables.put(EscalationProcess.VAR_TOWNSHIP_LEADER_GROUP, Role.TOWNSHIP_LEADER.groupAt(row.townshipCode()));
        // business key: the campaign, like every process of a campaign (Cockpit finds them together)
        String instance = runtime.startProcessInstanceByKey(EscalationProcess.KEY, Long.toString(campaign.id()),
                variables).getId();
        cases.started(id, instance);
        return id;
    }

    /** The campaign's rule (the defaults until a county leader changes them). */
    public EscalationRule rule(long campaignId) {
        campaigns.get(campaignId);
        return rules.of(campaignId);
    }

    /** A county leader (or admin) of the campaign's county changes its thresholds. */
    @Transactional
    public EscalationRule saveRule(EscalationRule rule) {
        return rules.save(campaigns.get(rule.campaignId()), rule);
    }

    /** The campaign's cases the caller may see, newest first. */
    public List<EscalationCase> cases(long campaignId) {
        campaigns.get(campaignId);
        return cases.list(campaignId, scope.get().codePrefix());
    }

    /** One case, if the caller may see its township. */
    public EscalationCase get(long caseId) {
        return cases.find(caseId, scope.get().codePrefix())
                .orElseThrow(() -> new EscalationException("escalation.notFound", caseId));
    }

    /**
     * The case a process instance is about, from the row its start wrote the instance id into (its variables
     * could have been rewritten through a task), if the caller may see it.
     */
    public long caseOfInstance(String processInstanceId) {
        long id = cases.idOfInstance(processInstanceId)
                .orElseThrow(() -> new EscalationException("escalation.notFound", processInstanceId));
        return get(id).id();
    }

    /** The case's history, oldest first. */
    public List<EscalationEvent> history(long caseId) {
        return cases.history(get(caseId).id());
    }

    /**
     * 约谈: the county leader records the summons. The plan is due {@code planDays} from now (never
     * after the deadline), the rectification deadline is the summons date + {@code rectificationDays}.
     */
    @Transactional
    public SummonsRecorded recordSummons(long caseId, LocalDate date, String attendees, String minutes) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode(), Role.COUNTY_LEADER);
        LocalDate today = today();
        LocalDate opened = c.openedAt().atZone(CampaignService.ZONE).toLocalDate();
        if (date == null || date.isAfter(today) || date.isBefore(opened)) {
            throw new EscalationException("escalation.summons.badDate", opened, today);
        }
        String who = required(attendees, "escalation.summons.attendeesRequired");
        String said = required(minutes, "escalation.summons.minutesRequired");
        EscalationRule rule = rules.of(c.campaignId());
        LocalDate deadline = date.plusDays(rule.rectificationDays());
        Date rectificationDeadline = CampaignService.endOf(deadline);
        Date planDue = CampaignService.endOf(today.plusDays(rule.planDays()));
        if (planDue.after(rectificationDeadline)) {
            planDue = rectificationDeadline;
        }
        cases.summoned(caseId, date, who, said, planDue.toInstant(), deadline);
        cases.event(caseId, "SUMMONED", date + "；" + who);
        return new SummonsRecorded(planDue, rectificationDeadline);
    }

    /** 限期整改方案: the township head hands in the plan. */
    @Transactional
    public void submitPlan(long caseId, String plan) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode(), Role.TOWNSHIP_LEADER);
        String text = required(plan, "escalation.plan.required");
        cases.planSubmitted(c.id(), text);
        cases.event(c.id(), "PLAN_SUBMITTED", text);
    }

    /** No plan came by its due date: the case goes to the city without one. */
    @Transactional
    public void planOverdue(long caseId) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode()); // the deadline timer's: the system only
        cases.event(c.id(), "PLAN_OVERDUE", c.planDue() == null ? null : c.planDue().toString());
    }

    /**
     * 到期复核: the township's completion now against the expected progress line now (the ranking does
     * not count here: someone is always at the bottom). Resolves the case when no longer lagging.
     * Returns whether the township still lags.
     */
    @Transactional
    public boolean recheck(long caseId) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode()); // the deadline timer's: the system only
        Campaign campaign = campaigns.get(c.campaignId());
        BigDecimal completion = targets.progress(campaign.id(), campaign.countyCode()).stream()
                .filter(p -> p.regionCode().equals(c.townshipCode())).findFirst()
                .map(TargetProgress::completion).orElse(BigDecimal.ZERO.setScale(2));
        BigDecimal expected = expectedLine(campaign, ClockUtil.getCurrentTime().toInstant());
        LaggingVerdict verdict = decision.belowLine(rules.of(campaign.id()), completion, expected);
        cases.rechecked(c.id(), completion, expected, !verdict.lagging());
        cases.event(c.id(), "RECHECKED", completion.toPlainString() + "% / " + expected.toPlainString() + "%"
                + (verdict.lagging() ? "；" + verdict.reason() : ""));
        if (!verdict.lagging()) {
            cases.event(c.id(), "RESOLVED", null);
        }
        return verdict.lagging();
    }

    /** Level 2: the case goes to the level above the county (市级督办). */
    @Transactional
    public void escalate(long caseId, String why) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode()); // a step of the case's process: the system only
        cases.escalated(c.id(), 2);
        cases.event(c.id(), "ESCALATED", why);
    }

    /** The county leader records what was reported to the city and to whom; the case closes. */
    @Transactional
    public void reportToCity(long caseId, String report, String reportedTo) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode(), Role.COUNTY_LEADER);
        String what = required(report, "escalation.report.required");
        String whom = required(reportedTo, "escalation.report.toRequired");
        cases.reported(c.id(), what, whom);
        cases.event(c.id(), "REPORTED", whom + "：" + what);
    }

    /**
     * The expected progress line at an instant: the share of the collection period elapsed, in
     * percent (0 before it starts, 100 after it ends).
     */
    public static BigDecimal expectedLine(Campaign campaign, Instant at) {
        long start = campaign.collectionStart().atStartOfDay(CampaignService.ZONE).toInstant().toEpochMilli();
        long end = CampaignService.endOf(campaign.collectionEnd()).getTime();
        long elapsed = Math.max(0, Math.min(end - start, at.toEpochMilli() - start));
        return BigDecimal.valueOf(elapsed * 100L).divide(BigDecimal.valueOf(end - start), 2, RoundingMode.HALF_UP);
    }

    private static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(CampaignService.ZONE).toLocalDate();
    }

    private static String required(String text, String messageKey) {
        if (text == null || text.isBlank()) {
            throw new EscalationException(messageKey);
        }
        return text.trim();
    }
}
