package cn.canbao.cadence;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * A village as its township's dispatch sees it: target and enrolled from its latest summary, how that
 * summary stands, and whether the dispatch flagged it lagging. {@code lastReport} null: no summary yet.
 */
public record VillageReport(
        String villageCode,
        String villageName,
        int target,
        int enrolled,
        LocalDate lastReport,
        ReportState lastState,
        boolean lagging) {

    /** enrolled / target in percent, two decimals (100.00 for a target of 0). */
    public BigDecimal completion() {
        if (target == 0) {
            return new BigDecimal("100.00");
        }
        return BigDecimal.valueOf(enrolled * 100L).divide(BigDecimal.valueOf(target), 2, RoundingMode.HALF_UP);
    }
}
