package cn.canbao.cadence;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A village's daily summary (村每日汇总), pre-filled from the register for the window (since, until]:
 * new enrolments and payments from the imports finished in it, reasons for not enrolling and visits recorded in it,
 * enrolled to date and the target; the cadre's remarks once confirmed.
 */
public record VillageSummary(
        long campaignId,
        String villageCode,
        String villageName,
        String townshipCode,
        LocalDate reportDate,
        Instant since,
        Instant until,
        int newEnrollments,
        int newPayments,
        int reasonsRecorded,
        int visitsMade,
        int enrolledToDate,
        int target,
        String remarks,
        Instant dueAt,
        Instant confirmedAt,
        String confirmedBy,
        ReportState state) {

    public int remaining() {
        return Math.max(0, target - enrolledToDate);
    }
}
