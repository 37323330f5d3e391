package cn.canbao.policy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the policy decisions are fed for one person and scheme year, derived from the register and the rule set.
 * Years count from the year the place adopted the mechanism ({@code countedFrom}) and the person's birth.
 *
 * @param year               the scheme year assessed
 * @param asOf               the day of the assessment ("if they enrolled today")
 * @param inCollectionPeriod whether asOf lies in that year's collection period (集中参保期)
 * @param enrolled           whether the person is already enrolled for the year
 * @param countedFrom        the year the mechanism took effect in the place; null: it does not apply
 * @param continuousYears    covered years since then running up to the year (the year included when enrolled)
 * @param breakYears         every year without cover since then (paid-back years included)
 * @param currentBreakYears  the years without cover right before the year (the break being ended now)
 * @param paidBackInBreak    how many of those were paid back later (补缴)
 * @param paidBackYears      every year enrolled by paying back
 * @param newborn            born in the year (or registered as a newborn)
 * @param assisted           funded by medical assistance: a hardship member the rule set subsidises
 * @param leftService        left active service that year, or is the unemployed spouse who accompanied one
 * @param ledger             the limit's raises and reductions up to the year, the year counted as enrolled
 * @param ledgerIfSkipped    the same for next year if this year stays unpaid
 */
public record PolicyInputs(
        int year,
        LocalDate asOf,
        boolean inCollectionPeriod,
        boolean enrolled,
        Integer countedFrom,
        int continuousYears,
        List<Integer> breakYears,
        int currentBreakYears,
        int paidBackInBreak,
        List<Integer> paidBackYears,
        boolean newborn,
        boolean assisted,
        boolean leftService,
        boolean switchingScheme,
        int priorSchemeYears,
        int gapMonths,
        LimitLedger ledger,
        LimitLedger ledgerIfSkipped) {

    public PolicyInputs {
        breakYears = List.copyOf(breakYears);
        paidBackYears = List.copyOf(paidBackYears);
    }

    /** Whether the mechanism applies at all (else no waiting period, raise or reduction). */
    public boolean mechanism() {
        return countedFrom != null;
    }

    /** The variables of WaitingPeriod, enrolling in or outside the collection period. */
    Map<String, Object> waitingVariables(boolean inPeriod) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(PolicyDecisions.IN_NEWBORN, newborn);
        v.put(PolicyDecisions.IN_ASSISTED, assisted);
        v.put(PolicyDecisions.IN_VETERAN, leftService);
        v.put(PolicyDecisions.IN_SWITCHING_SCHEME, switchingScheme);
        v.put(PolicyDecisions.IN_PRIOR_SCHEME_YEARS, priorSchemeYears);
        v.put(PolicyDecisions.IN_GAP_MONTHS, gapMonths);
        v.put(PolicyDecisions.IN_COLLECTION_PERIOD, inPeriod);
        v.put(PolicyDecisions.IN_BREAK_YEARS, currentBreakYears);
        v.put(PolicyDecisions.IN_PAID_BACK_YEARS, paidBackInBreak);
        return v;
    }

    /** The variables of CapAdjustment for the year, the year counted as enrolled. */
    Map<String, Object> capVariables(RuleSet rules) {
        return capVariables(ledger, rules);
    }

    /** The variables of CapAdjustment next year if this year stays unpaid (a break: the run restarts). */
    Map<String, Object> capVariablesAfterSkipping(RuleSet rules) {
        return capVariables(ledgerIfSkipped, rules);
    }

    static Map<String, Object> capVariables(LimitLedger counts, RuleSet rules) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(PolicyDecisions.IN_CONTINUITY_RAISES, counts.continuityRaises());
        v.put(PolicyDecisions.IN_ZERO_CLAIM_YEARS, counts.zeroClaimRaises());
        v.put(PolicyDecisions.IN_BREAK_YEARS, counts.reductions());
        v.put(PolicyDecisions.IN_RAISE_AMOUNT, rules.raiseAmount().longValueExact());
        v.put(PolicyDecisions.IN_REDUCTION_AMOUNT, rules.reductionAmount().longValueExact());
        v.put(PolicyDecisions.IN_ORIGINAL_LIMIT, rules.originalLimit().longValueExact());
        v.put(PolicyDecisions.IN_BOUND_PERCENT, rules.boundPercent());
        return v;
    }
}
