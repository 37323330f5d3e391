package cn.canbao.outreach.tally;

import java.math.BigDecimal;

/**
 * One grid worker's month: visits recorded, residents enrolled after one of their visits (credited to the last
 * visitor before the enrollment arrived), data corrections they filed that a clerk approved, the tier reached and
 * the reward it pays.
 */
public record WorkTally(
        String username,
        String displayName,
        String gridCode,
        String gridName,
        int visits,
        int enrolledAfterVisit,
        int correctionsConfirmed,
        String tier,
        BigDecimal reward) {}
