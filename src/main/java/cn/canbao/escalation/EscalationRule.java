package cn.canbao.escalation;

import cn.canbao.region.RegionLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A county's rule for who lags and what follows — the county's to set, since the seed leaves it to judgement ("县领导
 * 将视情况对工作滞后的乡镇主官进行约谈，限期整改", Yongchun 2023 plan) and warns against one size for all ("各地在参保扩面
 * 中要防止“一刀切”和层层加码", Heilongjiang). A township lags in a bulletin by the configured criteria — in the bottom
 * {@code bottomN} of the ranking, more than {@code belowLinePoints} below the expected progress line, coverage below
 * {@code coverageBelow} % — any one of them ({@link Combine#ANY}) or all ({@link Combine#ALL}); an unset criterion
 * is off. Lagging in {@code bulletinsRunning} published bulletins running proposes a summons; the plan is due
 * {@code planDays} after the summons, the rectification is re-checked {@code rectificationDays} after it; a township
 * still lagging is reported to the {@code reportLevels} above the county (none: the case is closed at the county).
 * Which level that is differs by place: a city ranks its counties ("医保参保扩面工作连续多年在全市九区九县排名前列",
 * Harbin New Area), a province-administered county answers to the province, and the seeds name no rule for it — so
 * the county sets it, "建立定期通报和督查等推进工作制度" (Yancheng) being the only common ground.
 *
 * @param updatedBy null while the county runs on the deployment's defaults
 */
public record EscalationRule(
        String countyCode,
        Integer bottomN,
        BigDecimal belowLinePoints,
        BigDecimal coverageBelow,
        Combine combine,
        int bulletinsRunning,
        int rectificationDays,
        int planDays,
        List<RegionLevel> reportLevels,
        String updatedBy,
        Instant updatedAt) {

    /** How the configured criteria combine. */
    public enum Combine {
        ANY,
        ALL
    }

    /** The criteria a decision can report, as the DMN names them. */
    static final String BOTTOM = "BOTTOM";

    static final String BELOW_LINE = "BELOW_LINE";
    static final String COVERAGE = "COVERAGE";

    public EscalationRule {
        reportLevels = reportLevels == null ? List.of() : List.copyOf(reportLevels);
    }

    /** The criteria this rule sets (DMN names). */
    List<String> criteria() {
        List<String> on = new ArrayList<>();
        if (bottomN != null) {
            on.add(BOTTOM);
        }
        if (belowLinePoints != null) {
            on.add(BELOW_LINE);
        }
        if (coverageBelow != null) {
            on.add(COVERAGE);
        }
        return on;
    }

    /** Whether the values are within bounds (the database checks the same). */
    boolean valid() {
        return !criteria().isEmpty()
                && combine != null
                && (bottomN == null || bottomN >= 1 && bottomN <= 50)
                && percent(belowLinePoints)
                && percent(coverageBelow)
                && bulletinsRunning >= 1
                && bulletinsRunning <= 5
                && rectificationDays >= 1
                && rectificationDays <= 60
                && planDays >= 1
                && planDays <= 30
                && reportLevels.stream().allMatch(l -> l == RegionLevel.CITY || l == RegionLevel.PROVINCE)
                && reportLevels.stream().distinct().count() == reportLevels.size();
    }

    private static boolean percent(BigDecimal value) {
        return value == null
                || value.signum() >= 0 && value.compareTo(BigDecimal.valueOf(100)) <= 0 && value.scale() <= 2;
    }
}
