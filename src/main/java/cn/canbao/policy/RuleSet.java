package cn.canbao.policy;

import cn.canbao.register.person.HardshipCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of one scheme year in one place (a province, city or county; the most specific applies): what
 * a resident pays and the government adds, the place's original serious-illness maximum (大病保险原最高支付限额),
 * the concentrated enrollment period, whether and since when the long-term mechanism (连续参保激励和断保约束,
 * 待遇等待期) applies, and the subsidy of each hardship category (分类资助). The documents leave these to each
 * place: "各统筹地区要围绕参保政策、激励约束……逐步规范并合理调整有关政策" (七); so they are data, entered per place
 * and year, never constants.
 *
 * @param mechanismFrom      the scheme year the place adopted the mechanism ("自2025年起" in Heilongjiang), or null:
 *                           before it, or without it, no waiting period, reward or reduction applies
 * @param originalLimit      the place's original serious-illness maximum, the base of the 20% bounds; null when
 *                           not entered (the limit changes are then counted but not bounded, and said so)
 * @param raiseAmount        one raise of the maximum: "每次提高限额均不低于1000元"
 * @param reductionAmount    one reduction for a year of break ("降低1次"; the documents give no amount)
 * @param boundPercent       "累计提高总额不超过所在统筹地区大病保险原最高支付限额的20%" (and the same for reductions)
 * @param subsidies          hardship category → its subsidy; a category absent gets none
 */
public record RuleSet(
        Long id,
        int schemeYear,
        String placeCode,
        String placeName,
        Integer mechanismFrom,
        BigDecimal personalContribution,
        BigDecimal governmentSubsidy,
        BigDecimal originalLimit,
        LocalDate collectionStart,
        LocalDate collectionEnd,
        BigDecimal raiseAmount,
        BigDecimal reductionAmount,
        int boundPercent,
        Map<HardshipCategory, Subsidy> subsidies) {

    /** The documents' floor of one raise. */
    public static final BigDecimal MINIMUM_RAISE = new BigDecimal("1000");

    public RuleSet {
        subsidies = Map.copyOf(subsidies);
    }

    /** Whether the mechanism applies in the scheme year. */
    public boolean mechanismApplies() {
        return mechanismFrom != null && schemeYear >= mechanismFrom;
    }

    /** A hardship category's subsidy: the whole personal contribution, or a fixed amount of it. */
    public record Subsidy(boolean full, BigDecimal amount) {

        public static Subsidy whole() {
            return new Subsidy(true, null);
        }

        public static Subsidy fixed(BigDecimal amount) {
            return new Subsidy(false, amount);
        }

        /** What it pays of this contribution. */
        public BigDecimal of(BigDecimal contribution) {
            return full ? contribution : amount.min(contribution);
        }
    }

    /**
     * What a member of these categories pays: the personal contribution less the largest subsidy of their
     * categories (subsidies do not add up: one person is funded once).
     */
    public BigDecimal personalShare(Iterable<HardshipCategory> categories) {
        BigDecimal subsidy = BigDecimal.ZERO;
        for (HardshipCategory c : categories) {
            Subsidy s = subsidies.get(c);
            if (s != null) {
                subsidy = subsidy.max(s.of(personalContribution));
            }
        }
        return personalContribution.subtract(subsidy).max(BigDecimal.ZERO);
    }

    /** The subsidy of the category, if the rule set funds it. */
    public Optional<Subsidy> subsidyOf(HardshipCategory category) {
        return Optional.ofNullable(subsidies.get(category));
    }
}
