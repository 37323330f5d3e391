package cn.canbao.quota;

import cn.canbao.register.person.PersonGroup;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One region's row of a group whose target is 100% (新生儿, 困难群体) for an enrollment year: the group's
 * members in the register (active files, membership overlapping the year) and those of them enrolled.
 */
public record GroupCoverage(
        String regionCode, String regionName, PersonGroup group, int year, int registered, int enrolled) {

    /** Coverage in percent with two decimals; an empty group counts as covered (nothing left to do). */
    public BigDecimal coverageRate() {
        if (registered == 0) {
            return BigDecimal.valueOf(100).setScale(2);
        }
        return BigDecimal.valueOf(enrolled * 100L).divide(BigDecimal.valueOf(registered), 2, RoundingMode.HALF_UP);
    }

    /** How many are missing to reach the 100% target. */
    public int remaining() {
        return registered - enrolled;
    }
}
