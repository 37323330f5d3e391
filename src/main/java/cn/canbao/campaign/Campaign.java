package cn.canbao.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A campaign as stored: what the county decided, where its process stands (phase), who started it. */
public record Campaign(
        long id,
        String name,
        int year,
        String countyCode,
        String countyName,
        LocalDate collectionStart,
        LocalDate collectionEnd,
        BigDecimal coverageGoal,
        int breakdownDays,
        int escalationDays,
        CampaignPhase phase,
        String processInstanceId,
        String summary,
        String createdBy,
        Instant createdAt) {

    /** The same campaign with its county's name. */
    public Campaign withCountyName(String county) {
        return new Campaign(
                id,
                name,
                year,
                countyCode,
                county,
                collectionStart,
                collectionEnd,
                coverageGoal,
                breakdownDays,
                escalationDays,
                phase,
                processInstanceId,
                summary,
                createdBy,
                createdAt);
    }

    /**
     * The expected progress line at the end of a day: the share of the collection period's days elapsed by
     * then, in percent with two decimals (0 before the period, 100 after it) — as the bulletin draws it.
     */
    public BigDecimal expectedCompletion(LocalDate day) {
        long days = ChronoUnit.DAYS.between(collectionStart, collectionEnd) + 1;
        long elapsed = Math.max(0, Math.min(days, ChronoUnit.DAYS.between(collectionStart, day) + 1));
        return BigDecimal.valueOf(elapsed * 100).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    }
}
