package cn.canbao.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A day of a region's progress: its target, the enrolled by then, the completion and the expected line (percent). */
public record ProgressPoint(LocalDate day, int target, int enrolled, BigDecimal expected) {

    public BigDecimal completion() {
        return RegionFigures.percent(enrolled, target, new BigDecimal("100.00"));
    }
}
