package cn.canbao.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A campaign as stored: what the county decided, where its process stands (phase), who started it. */
public record Campaign(long id, String name, int year, String countyCode, String countyName,
                       LocalDate collectionStart, LocalDate collectionEnd, BigDecimal coverageGoal,
                       int breakdownDays, int escalationDays, CampaignPhase phase, String processInstanceId,
                       String summary, String createdBy, Instant createdAt) {
}
