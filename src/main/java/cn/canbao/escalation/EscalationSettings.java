package cn.canbao.escalation;

import cn.canbao.region.RegionLevel;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How escalation runs in this deployment ({@code canbao.escalation.*}). The seeds name no thresholds — "县领导将视情况对
 * 工作滞后的乡镇主官进行约谈，限期整改" (Yongchun 2023 plan) — so a county without its own rule runs on these defaults.
 *
 * @param defaults        the rule of a county that has not set its own (see {@link EscalationRule})
 * @param maxPostponeDays how far ahead a county leader may postpone a proposed summons at a time
 */
@ConfigurationProperties("canbao.escalation")
public record EscalationSettings(Defaults defaults, Integer maxPostponeDays) {

    public EscalationSettings {
        defaults =
                defaults == null ? new Defaults(null, BigDecimal.ZERO, null, null, null, null, null, null) : defaults;
        maxPostponeDays = maxPostponeDays == null ? 30 : maxPostponeDays;
    }

    /** A county's rule before it sets its own; unset thresholds are off. */
    public record Defaults(
            Integer bottomN,
            BigDecimal belowLinePoints,
            BigDecimal coverageBelow,
            EscalationRule.Combine combine,
            Integer bulletinsRunning,
            Integer rectificationDays,
            Integer planDays,
            List<RegionLevel> reportLevels) {

        public Defaults {
            combine = combine == null ? EscalationRule.Combine.ANY : combine;
            bulletinsRunning = bulletinsRunning == null ? 2 : bulletinsRunning;
            rectificationDays = rectificationDays == null ? 7 : rectificationDays;
            planDays = planDays == null ? 3 : planDays;
            reportLevels = reportLevels == null ? List.of(RegionLevel.CITY) : List.copyOf(reportLevels);
        }

        public EscalationRule of(String countyCode) {
            return new EscalationRule(
                    countyCode,
                    bottomN,
                    belowLinePoints,
                    coverageBelow,
                    combine,
                    bulletinsRunning,
                    rectificationDays,
                    planDays,
                    reportLevels,
                    null,
                    null);
        }
    }
}
