package cn.canbao.escalation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * When a township lags in a campaign, and what follows: the bottom {@code bottomN} of the ranking (0:
 * ranking ignored) or more than {@code tolerancePoints} below the expected progress line, in
 * {@code bulletinsRunning} published bulletins running; the plan is due {@code planDays} after the
 * summons, the rectification is re-checked {@code rectificationDays} after it.
 *
 * @param updatedBy null while the campaign runs on the defaults
 */
public record EscalationRule(long campaignId, int bottomN, BigDecimal tolerancePoints, int bulletinsRunning,
                             int rectificationDays, int planDays, String updatedBy, Instant updatedAt) {

    public static EscalationRule defaults(long campaignId) {
        return new EscalationRule(campaignId, 3, BigDecimal.ZERO, 2, 7, 3, null, null);
    }
}
