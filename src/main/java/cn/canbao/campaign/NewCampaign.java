package cn.canbao.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a county leader enters to start a campaign. */
public record NewCampaign(
        String name,
        int year,
        String countyCode,
        LocalDate collectionStart,
        LocalDate collectionEnd,
        BigDecimal coverageGoal,
        int breakdownDays,
        int escalationDays) {

    /** Defaults of the Yongchun plan: 95 % goal, three days per level, two more before escalation. */
    public static NewCampaign of(String name, int year, String countyCode, LocalDate start, LocalDate end) {
        return new NewCampaign(name, year, countyCode, start, end, new BigDecimal("95.00"), 3, 2);
    }
}
