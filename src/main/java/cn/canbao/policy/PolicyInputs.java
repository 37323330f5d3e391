package cn.canbao.policy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the policy decisions are fed for one person and enrollment year, derived from the register.
 *
 * @param year               the enrollment year assessed
 * @param asOf               the day of the assessment ("if they enrolled today")
 * @param inCollectionPeriod whether asOf lies in that year's collection period (集中参保期)
 * @param enrolled           whether the person is already enrolled for the year
 * @param firstYear          the first covered year, null when never covered
 * @param continuousYears    covered years running up to the year (the year included when enrolled)
 * @param breakYears         every year without cover since the first one (paid-back years included)
 * @param currentBreakYears  the years without cover right before the year (the break being ended now)
 * @param paidBackInBreak    how many of those were paid back later (补缴)
 * @param paidBackYears      every year enrolled by paying back
 * @param capContinuousYears continuous years counting the assessed year as enrolled
 * @param zeroClaimYears     years without a serious-illness claim: the register holds no claims, so 0
 */
public record PolicyInputs(int year, LocalDate asOf, boolean inCollectionPeriod, boolean enrolled, Integer firstYear,
                           int continuousYears, List<Integer> breakYears, int currentBreakYears, int paidBackInBreak,
                           List<Integer> paidBackYears, boolean newborn, boolean assisted, boolean veteran,
                           boolean switchingScheme, int priorSchemeYears, int gapMonths, int capContinuousYears,
                           int zeroClaimYears) {

    public PolicyInputs {
        breakYears = List.copyOf(breakYears);
        paidBackYears = List.copyOf(paidBackYears);
    }

    /** The variables of WaitingPeriod, enrolling in or outside the collection period. */
    Map<String, Object> waitingVariables(boolean inPeriod) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(PolicyDecisions.IN_NEWBORN, newborn);
        v.put(PolicyDecisions.IN_ASSISTED, assisted);
        v.put(PolicyDecisions.IN_VETERAN, veteran);
        v.put(PolicyDecisions.IN_SWITCHING_SCHEME, switchingScheme);
        v.put(PolicyDecisions.IN_PRIOR_SCHEME_YEARS, priorSchemeYears);
        v.put(PolicyDecisions.IN_GAP_MONTHS, gapMonths);
        v.put(PolicyDecisions.IN_COLLECTION_PERIOD, inPeriod);
        v.put(PolicyDecisions.IN_BREAK_YEARS, currentBreakYears);
        v.put(PolicyDecisions.IN_PAID_BACK_YEARS, paidBackInBreak);
        return v;
    }

    /** The variables of CapAdjustment for the year, the year counted as enrolled. */
    Map<String, Object> capVariables() {
        return capVariables(capContinuousYears, currentBreakYears);
    }

    /** The variables of CapAdjustment next year if this year stays unpaid: continuity restarts after one more break year. */
    Map<String, Object> capVariablesAfterSkipping() {
        Map<String, Object> v = capVariables(1, currentBreakYears + 1);
        v.put(PolicyDecisions.IN_YEAR, year + 1);
        return v;
    }

    private Map<String, Object> capVariables(int continuous, int breaks) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(PolicyDecisions.IN_YEAR, year);
        v.put(PolicyDecisions.IN_CONTINUOUS_YEARS, continuous);
        v.put(PolicyDecisions.IN_ZERO_CLAIM_YEARS, zeroClaimYears);
        v.put(PolicyDecisions.IN_BREAK_YEARS, breaks);
        return v;
    }
}
