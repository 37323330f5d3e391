package cn.canbao.cadence;

import cn.canbao.base.Translatable;
import java.time.Instant;

/** Where a report stands: open in its window, confirmed on time, confirmed late, or missing after its window. */
public enum ReportState implements Translatable {
    OPEN,
    ON_TIME,
    LATE,
    MISSING;

    public static ReportState of(Instant dueAt, Instant confirmedAt, Instant now) {
        if (confirmedAt != null) {
            return confirmedAt.isAfter(dueAt) ? LATE : ON_TIME;
        }
        return now.isBefore(dueAt) ? OPEN : MISSING;
    }

    @Override
    public String messageKey() {
        return "cadence.state." + name();
    }
}
