package cn.canbao.policy;

/**
 * What the rules say for one person and year: the waiting period if they enrolled on the assessment day
 * and why (which clause fired), and the change of the serious-illness cap with its reasons.
 *
 * @param rulesYear    the year the evaluated rules apply from (their version tag)
 * @param rulesVersion the engine's version of the evaluated WaitingPeriod definition
 */
public record PolicyAssessment(String idNumber, PolicyInputs inputs, int rulesYear, int rulesVersion,
                               int waitingMonths, String waitingClause, String waitingReason,
                               long capReward, long capPenalty, long capChange, String capClause, String capReason) {

    public int year() {
        return inputs.year();
    }
}
