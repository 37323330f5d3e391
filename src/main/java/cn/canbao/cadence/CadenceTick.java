package cn.canbao.cadence;

import java.time.LocalDate;

/**
 * What one tick of a campaign's schedule did on a day: its reporting day number (0: no reporting day —
 * before the first day, a skipped weekend, an ended campaign, or handled already) and what it started.
 */
public record CadenceTick(
        LocalDate day, int reportingDay, int summariesStarted, int dispatchesStarted, boolean bulletinDue) {

    static CadenceTick nothing(LocalDate day) {
        return new CadenceTick(day, 0, 0, 0, false);
    }
}
