package cn.canbao.escalation;

import cn.canbao.region.RegionLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A lagging township's case: opened from a bulletin for a reason as a proposed summons, waived (with the reason),
 * postponed (to a day) or confirmed; then the summons, the plan and its deadline, the re-check and, escalated, the
 * report to the levels above the county. Open while {@code closedAt} is null.
 */
public record EscalationCase(
        long id,
        long campaignId,
        String townshipCode,
        String townshipName,
        long bulletinId,
        String reason,
        int level,
        EscalationStatus status,
        LocalDate summonsDate,
        String attendees,
        String minutes,
        String plan,
        Instant planDue,
        LocalDate planDeadline,
        BigDecimal recheckCompletion,
        BigDecimal recheckExpected,
        String report,
        String reportedTo,
        String processInstanceId,
        Instant openedAt,
        Instant closedAt,
        String waiveReason,
        LocalDate postponedUntil,
        List<RegionLevel> reportLevels) {

    /** The same case with its township's name. */
    public EscalationCase withTownshipName(String name) {
        return new EscalationCase(
                id,
                campaignId,
                townshipCode,
                name,
                bulletinId,
                reason,
                level,
                status,
                summonsDate,
                attendees,
                minutes,
                plan,
                planDue,
                planDeadline,
                recheckCompletion,
                recheckExpected,
                report,
                reportedTo,
                processInstanceId,
                openedAt,
                closedAt,
                waiveReason,
                postponedUntil,
                reportLevels);
    }

    public boolean open() {
        return closedAt == null;
    }
}
