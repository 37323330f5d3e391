package cn.canbao.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Policy settings ({@code canbao.policy.*}).
 *
 * @param fallbackContribution the personal contribution quoted where no rule set was entered for a place and year
 *                             (yuan); the person file then says that no rule set applies, and no rule of the
 *                             mechanism is applied
 */
@ConfigurationProperties("canbao.policy")
public record PolicySettings(BigDecimal fallbackContribution) {

    public PolicySettings {
        fallbackContribution = fallbackContribution == null ? new BigDecimal("400") : fallbackContribution;
    }

    /** The stand-in for a place and year without a rule set: no mechanism, no subsidy, the fallback contribution. */
    RuleSet fallback(int year) {
        return new RuleSet(
                null,
                year,
                null,
                null,
                null,
                fallbackContribution,
                BigDecimal.ZERO,
                null,
                LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31),
                RuleSet.MINIMUM_RAISE,
                RuleSet.MINIMUM_RAISE,
                20,
                Map.of());
    }
}
