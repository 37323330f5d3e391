package cn.canbao.policy;

import cn.canbao.register.person.HardshipCategory;
import cn.canbao.security.SystemAccess;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Rule sets for integration tests, saved as the system through the service (each save retires the previous one). */
public final class RuleSetFixtures {

    private RuleSetFixtures() {}

    /** A county's rule set of the year: 400 yuan personal, 700 subsidy, the mechanism from {@code mechanismFrom} or none. */
    public static RuleSet county(
            String countyCode, int year, Integer mechanismFrom, Map<HardshipCategory, RuleSet.Subsidy> subsidies) {
        return new RuleSet(
                null,
                year,
                countyCode,
                "测试县",
                mechanismFrom,
                new BigDecimal("400"),
                new BigDecimal("700"),
                mechanismFrom == null ? null : new BigDecimal("300000"),
                LocalDate.of(year - 1, 9, 1),
                LocalDate.of(year - 1, 12, 31),
                RuleSet.MINIMUM_RAISE,
                RuleSet.MINIMUM_RAISE,
                20,
                subsidies);
    }

    public static RuleSet save(RuleSetService service, RuleSet rules) {
        return SystemAccess.call(() -> service.save(rules));
    }

    public static RuleSet.Subsidy full() {
        return RuleSet.Subsidy.whole();
    }

    public static RuleSet.Subsidy fixed(int yuan) {
        return RuleSet.Subsidy.fixed(BigDecimal.valueOf(yuan));
    }
}
