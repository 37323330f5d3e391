package cn.canbao.cadence;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A campaign's reporting rhythm: villages report daily at {@code villageTime} (a report counts late when
 * confirmed more than {@code villageWindowHours} after it), townships dispatch every
 * {@code townshipEveryDays} reporting days, the county's bulletin is due every {@code countyEveryDays}.
 * With {@code skipWeekends} Saturdays and Sundays are no reporting days.
 */
public record CadenceSettings(
        LocalDate firstDay,
        LocalTime villageTime,
        int villageWindowHours,
        int townshipEveryDays,
        int townshipWindowHours,
        int countyEveryDays,
        boolean skipWeekends) {

    /** 村每日一汇总 at 17:00, 乡镇三天一调度, 县级五天一通报, weekends included. */
    public static CadenceSettings defaults(LocalDate firstDay) {
        return new CadenceSettings(firstDay, LocalTime.of(17, 0), 16, 3, 24, 5, false);
    }

    public CadenceSettings withSkipWeekends(boolean skip) {
        return new CadenceSettings(
                firstDay,
                villageTime,
                villageWindowHours,
                townshipEveryDays,
                townshipWindowHours,
                countyEveryDays,
                skip);
    }
}
