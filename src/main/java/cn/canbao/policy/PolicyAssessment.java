package cn.canbao.policy;

import cn.canbao.register.person.HardshipCategory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What the rules say for one person and scheme year: the rule set that applies (none: no mechanism), the
 * waiting period if they enrolled on the assessment day and why (which clause fired), the change of the
 * serious-illness maximum with its year-by-year steps, what they pay, and what not paying would cost — the two
 * figures the reminders quote ({@link #lateWaitingMonths}, {@link #reductionIfSkipped}). The person file shows
 * this record and the reminders are written from it, so text and view cannot differ.
 *
 * @param ruleSet            the rule set applied; its id is null when none was entered for the place and year
 * @param rulesYear          the year the evaluated decisions apply from (their version tag), 0 without mechanism
 * @param rulesVersion       the engine's version of the evaluated WaitingPeriod definition, 0 without mechanism
 * @param personalShare      what the person pays for the year: the contribution less their hardship subsidy
 * @param categories         the person's hardship categories today
 * @param lateWaitingMonths  the waiting period if they enrolled outside the collection period
 * @param reductionIfSkipped how much next year's maximum would be lowered if this year stays unpaid
 */
public record PolicyAssessment(
        String idNumber,
        PolicyInputs inputs,
        RuleSet ruleSet,
        int rulesYear,
        int rulesVersion,
        int waitingMonths,
        String waitingClause,
        String waitingReason,
        long capReward,
        long capPenalty,
        long capChange,
        String capClause,
        String capReason,
        BigDecimal personalShare,
        Set<HardshipCategory> categories,
        int lateWaitingMonths,
        long reductionIfSkipped) {

    public PolicyAssessment {
        categories = Set.copyOf(categories);
    }

    public int year() {
        return inputs.year();
    }

    /** Whether a rule set was entered for the person's place and year (else the fallback contribution is quoted). */
    public boolean ruleSetEntered() {
        return ruleSet.id() != null;
    }

    /** The year's maximum after the change, when the place's original maximum is known. */
    public Long limitAfter() {
        return ruleSet.originalLimit() == null ? null : ruleSet.originalLimit().longValue() + capChange;
    }

    /** The steps of the limit ledger (none without the mechanism). */
    public List<LimitLedger.Step> steps() {
        return inputs.ledger() == null ? List.of() : inputs.ledger().steps();
    }

    /** Fully funded hardship members pay nothing: the clerk enrols them, nobody asks them to pay. */
    public boolean fullyFunded() {
        return personalShare.signum() == 0 && !categories.isEmpty();
    }
}
