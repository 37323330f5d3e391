package cn.canbao.policy;

import java.util.List;

/** Keys, variables and outputs of the policy decisions in processes/policy-rules.dmn. */
public final class PolicyDecisions {

    /** 待遇等待期 */
    public static final String WAITING_PERIOD = "WaitingPeriod";
    /** 大病保险封顶线调整 (requires ContinuityReward, ZeroClaimReward, BreakPenalty, OriginalCap) */
    public static final String CAP_ADJUSTMENT = "CapAdjustment";
    /** The decisions every uploaded version must contain: the service evaluates these two. */
    public static final List<String> REQUIRED = List.of(WAITING_PERIOD, CAP_ADJUSTMENT);

    public static final String IN_NEWBORN = "newborn";
    public static final String IN_ASSISTED = "assisted";
    public static final String IN_VETERAN = "veteran";
    public static final String IN_SWITCHING_SCHEME = "switchingScheme";
    public static final String IN_PRIOR_SCHEME_YEARS = "priorSchemeYears";
    public static final String IN_GAP_MONTHS = "gapMonths";
    public static final String IN_COLLECTION_PERIOD = "inCollectionPeriod";
    public static final String IN_BREAK_YEARS = "breakYears";
    public static final String IN_PAID_BACK_YEARS = "paidBackYears";
    public static final String IN_CONTINUITY_RAISES = "continuityRaises";
    public static final String IN_RAISE_AMOUNT = "raiseAmount";
    public static final String IN_REDUCTION_AMOUNT = "reductionAmount";
    public static final String IN_ORIGINAL_LIMIT = "originalLimit";
    public static final String IN_BOUND_PERCENT = "boundPercent";
    public static final String IN_ZERO_CLAIM_YEARS = "zeroClaimYears";

    public static final String OUT_WAITING_MONTHS = "waitingMonths";
    public static final String OUT_WAITING_CLAUSE = "waitingClause";
    public static final String OUT_WAITING_REASON = "waitingReason";
    public static final String OUT_CAP_REWARD = "capReward";
    public static final String OUT_CAP_PENALTY = "capPenalty";
    public static final String OUT_CAP_CHANGE = "capChange";
    public static final String OUT_CAP_CLAUSE = "capClause";
    public static final String OUT_CAP_REASON = "capReason";

    private PolicyDecisions() {}
}
