package cn.canbao.escalation;

import cn.canbao.base.Texts;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.bulletin.BulletinService;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.escalation.persistence.EscalationCases;
import cn.canbao.escalation.persistence.EscalationRules;
import cn.canbao.escalation.process.EscalationProcess;
import cn.canbao.quota.TargetProgress;
import cn.canbao.quota.TargetService;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    private final RegionService regions;
    private final EscalationSettings settings;
    private final Clock clock;

    EscalationService(
            EscalationCases cases,
            EscalationRules rules,
            LaggingDecision decision,
            BulletinService bulletins,
            CampaignService campaigns,
            TargetService targets,
            CurrentRegionScope scope,
            RuntimeService runtime,
            RegionService regions,
            EscalationSettings settings,
            Clock clock) {
        this.clock = clock;
        this.regions = regions;
        this.settings = settings;
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
     * Decides for every township of a published bulletin whether it lags by its county's rule, marks the bulletin's
     * rows, and opens a case (with its process) for a township that lagged in this bulletin and the
     * {@code bulletinsRunning − 1} published before it and has no open case: a summons proposed to the county leader,
     * who decides ("县领导将视情况对工作滞后的乡镇主官进行约谈，限期整改"). A township with an open case is named with it
     * in the bulletin. Returns the ids of the cases opened.
     */
    @Transactional
    public List<Long> evaluate(long campaignId, long bulletinId) {
        Campaign campaign = campaigns.get(campaignId);
        EscalationRule rule = rules.of(campaign.countyCode());
        List<BulletinRow> rows = bulletins.rows(bulletinId);
        Map<String, Integer> laggedBefore = laggedBefore(bulletinId, rule.bulletinsRunning() - 1);
        Map<String, Long> open = cases.openByTownship(campaignId);
        List<Long> opened = new ArrayList<>();
        for (BulletinRow row : rows) {
            LaggingVerdict verdict = decision.decide(
                    row.rank(), rows.size(), rule, row.completion(), row.expectedCompletion(), row.coverageRate());
            Long caseId = open.get(row.townshipCode());
            if (verdict.lagging()
                    && caseId == null
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
                bulletins.rows(previous).stream()
                        .filter(BulletinRow::lagging)
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
        String instance = runtime.startProcessInstanceByKey(
                        EscalationProcess.KEY, Long.toString(campaign.id()), variables)
                .getId();
        cases.started(id, instance);
        return id;
    }

    /** The rule of the campaign's county (the deployment's defaults until the county sets its own). */
    public EscalationRule rule(long campaignId) {
        return rules.of(campaigns.get(campaignId).countyCode());
    }

    /** A county's rule, if the caller may see the county. */
    public EscalationRule countyRule(String countyCode) {
        return rules.of(county(countyCode));
    }

    /**
     * A county leader or clerk of the county sets its rule: at least one criterion, values within their bounds, report
     * levels above the county only (or none). Every change is kept with who made it.
     */
    @Transactional
    public EscalationRule saveRule(EscalationRule rule) {
        CurrentUser.requireActing(county(rule.countyCode()), Role.COUNTY_LEADER, Role.CLERK);
        if (!rule.valid()) {
            throw new EscalationException("escalation.rule.invalid");
        }
        return rules.save(rule);
    }

    /** The county's rule as each change saved it (who and when in {@code updatedBy}, {@code updatedAt}), newest first. */
    public List<EscalationRule> ruleHistory(String countyCode) {
        return rules.history(county(countyCode));
    }

    private String county(String countyCode) {
        if (countyCode == null || !RegionLevel.COUNTY.accepts(countyCode)) {
            throw new EscalationException("escalation.rule.notCounty", countyCode);
        }
        return regions.get(countyCode).code();
    }

    /**
     * The county leader decides on a proposed summons — "县领导将视情况对工作滞后的乡镇主官进行约谈" (at their
     * discretion): confirm (the summons goes ahead), waive with a reason (recorded; the case ends), or postpone to a day
     * (after today, at most {@code canbao.escalation.max-postpone-days} ahead), when it is proposed again. Returns when
     * the postponement ends (null otherwise).
     */
    @Transactional
    public Date decideProposal(long caseId, ProposalDecision decision, String reason, LocalDate postponeUntil) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode(), Role.COUNTY_LEADER);
        if (c.status() != EscalationStatus.PROPOSED) {
            throw new EscalationException("escalation.proposal.notProposed");
        }
        if (decision == null) {
            throw new EscalationException("escalation.proposal.decisionRequired");
        }
        String note = Texts.trimToNull(reason);
        switch (decision) {
            case CONFIRM -> {
                cases.confirmed(c.id());
                cases.event(c.id(), "CONFIRMED", note);
                return null;
            }
            case WAIVE -> {
                String why = required(note, "escalation.proposal.reasonRequired");
                cases.waived(c.id(), why);
                cases.event(c.id(), "WAIVED", why);
                return null;
            }
            default -> {
                LocalDate today = today();
                LocalDate latest = today.plusDays(settings.maxPostponeDays());
                if (postponeUntil == null || !postponeUntil.isAfter(today) || postponeUntil.isAfter(latest)) {
                    throw new EscalationException("escalation.proposal.badPostpone", today.plusDays(1), latest);
                }
                cases.postponed(c.id(), postponeUntil);
                cases.event(c.id(), "POSTPONED", postponeUntil + (note == null ? "" : "；" + note));
                return Date.from(postponeUntil.atStartOfDay(clock.getZone()).toInstant());
            }
        }
    }

    /**
     * The postponement is over (its timer): the township is checked again by the county's rule. Still lagging, the
     * summons is proposed to the county leader again (true); caught up meanwhile, the case ends resolved (false).
     */
    @Transactional
    public boolean proposeAgain(long caseId) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode()); // the postponement's timer: the system only
        // a township that caught up while the decision waited is not proposed again: the case ends resolved
        if (!recheck(c, "RECHECKED_AFTER_POSTPONE")) {
            return false;
        }
        cases.proposedAgain(c.id());
        cases.event(
                c.id(),
                "PROPOSED_AGAIN",
                c.postponedUntil() == null ? null : c.postponedUntil().toString());
        return true;
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
        LocalDate opened = c.openedAt().atZone(clock.getZone()).toLocalDate();
        if (date == null || date.isAfter(today) || date.isBefore(opened)) {
            throw new EscalationException("escalation.summons.badDate", opened, today);
        }
        String who = required(attendees, "escalation.summons.attendeesRequired");
        String said = required(minutes, "escalation.summons.minutesRequired");
        EscalationRule rule = rules.of(campaigns.get(c.campaignId()).countyCode());
        LocalDate deadline = date.plusDays(rule.rectificationDays());
        Date rectificationDeadline = CampaignService.endOf(deadline, clock.getZone());
        Date planDue = CampaignService.endOf(today.plusDays(rule.planDays()), clock.getZone());
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
        cases.event(
                c.id(), "PLAN_OVERDUE", c.planDue() == null ? null : c.planDue().toString());
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
        return recheck(c, "RECHECKED");
    }

    /** Where the township stands now by the county's rule: recorded on the case, resolved when no longer lagging. */
    private boolean recheck(EscalationCase c, String event) {
        Campaign campaign = campaigns.get(c.campaignId());
        List<TargetProgress> townships = targets.progress(campaign.id(), campaign.countyCode());
        TargetProgress own = townships.stream()
                .filter(p -> p.regionCode().equals(c.townshipCode()))
                .findFirst()
                .orElse(null);
        BigDecimal completion = own == null ? BigDecimal.ZERO.setScale(2) : own.completion();
        BigDecimal coverage = own == null ? BigDecimal.ZERO.setScale(2) : own.coverageRate();
        int rank = 1
                + (int) townships.stream()
                        .filter(p -> p.completion().compareTo(completion) > 0)
                        .count();
        BigDecimal expected = expectedLine(campaign, clock.instant());
        LaggingVerdict verdict = decision.recheck(
                rank,
                Math.max(townships.size(), rank),
                rules.of(campaign.countyCode()),
                completion,
                expected,
                coverage);
        cases.rechecked(c.id(), completion, expected, !verdict.lagging());
        cases.event(
                c.id(),
                event,
                completion.toPlainString() + "% / " + expected.toPlainString() + "%"
                        + (verdict.lagging() ? "；" + verdict.reason() : ""));
        if (!verdict.lagging()) {
            cases.event(c.id(), "RESOLVED", null);
        }
        return verdict.lagging();
    }

    /**
     * Level 2: the case goes to the levels above the county its county's rule names (市级督办, or the province, or
     * both); with none configured it ends at the county, unresolved. Returns the names of the regions reported to
     * (empty: none).
     */
    @Transactional
    public List<String> escalate(long caseId, String why) {
        EscalationCase c = get(caseId);
        CurrentUser.requireActing(c.townshipCode()); // a step of the case's process: the system only
        String county = campaigns.get(c.campaignId()).countyCode();
        List<RegionLevel> levels = rules.of(county).reportLevels();
        if (levels.isEmpty()) {
            cases.unresolved(c.id());
            cases.event(c.id(), "NOT_REPORTED", why);
            return List.of();
        }
        cases.escalated(c.id(), 2, levels);
        cases.event(c.id(), "ESCALATED", why);
        List<String> codes = levels.stream().map(l -> ancestorCode(county, l)).toList();
        Map<String, String> names = regions.names(codes);
        return codes.stream().map(code -> names.getOrDefault(code, code)).toList();
    }

    /** The code of the county's ancestor at a level above it (the statistical code carries its digits). */
    private static String ancestorCode(String countyCode, RegionLevel level) {
        String prefix = level.prefixOf(countyCode);
        return prefix + "0".repeat(countyCode.length() - prefix.length());
    }

    /** The county leader records what was reported to the levels above and to whom; the case closes. */
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
    private BigDecimal expectedLine(Campaign campaign, Instant at) {
        long start = campaign.collectionStart()
                .atStartOfDay(clock.getZone())
                .toInstant()
                .toEpochMilli();
        long end =
                CampaignService.endOf(campaign.collectionEnd(), clock.getZone()).getTime();
        long elapsed = Math.max(0, Math.min(end - start, at.toEpochMilli() - start));
        return BigDecimal.valueOf(elapsed * 100L).divide(BigDecimal.valueOf(end - start), 2, RoundingMode.HALF_UP);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static String required(String text, String messageKey) {
        if (text == null || text.isBlank()) {
            throw new EscalationException(messageKey);
        }
        return text.trim();
    }
}
