package cn.canbao.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How far a region has come towards its target: {@code enrolled} = insured now (the baseline of the
 * campaign's year, refreshed after every import and nightly) − insured when the target was proposed.
 */
public record TargetProgress(
        String regionCode, String regionName, int target, int registered, int insuredNow, int enrolled) {

    /** enrolled / target in percent, two decimals (100.00 for a target of 0). */
    public BigDecimal completion() {
        if (target == 0) {
            return new BigDecimal("100.00");
        }
        return BigDecimal.valueOf(enrolled * 100L).divide(BigDecimal.valueOf(target), 2, RoundingMode.HALF_UP);
    }

    /** insured now / registered in percent, two decimals. */
    public BigDecimal coverageRate() {
        if (registered == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(insuredNow * 100L).divide(BigDecimal.valueOf(registered), 2, RoundingMode.HALF_UP);
    }

    public int remaining() {
        return Math.max(0, target - enrolled);
    }
}
