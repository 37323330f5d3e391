package cn.canbao.outreach.tally;

import java.math.BigDecimal;

/** One tier of a county's grid-worker incentive: reached with at least both minima in a month. */
public record WorkTier(int rank, String name, int minEnrolled, int minVisits, BigDecimal rewardPerEnrolled) {}
