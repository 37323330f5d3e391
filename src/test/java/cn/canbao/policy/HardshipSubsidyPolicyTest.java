package cn.canbao.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.register.person.HardshipCategory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 分类资助: "对特困人员、孤儿、事实无人抚养儿童、最低生活保障对象、返贫致贫人口、纳入监测范围的农村易返贫致贫人口等困难群众参保按有关规定给予
 * 分类资助" (二(二)). Each category's subsidy is the rule set's (full or a fixed amount); what is left is the person's
 * share, which reminders quote; a person in several categories is funded once, by the largest.
 */
class HardshipSubsidyPolicyTest {

    private static final RuleSet RULES = PolicyTables.withSubsidies(
            PolicyTables.heilongjiang(2027, 300_000),
            Map.of(
                    HardshipCategory.TEKUN, RuleSet.Subsidy.whole(),
                    HardshipCategory.ORPHAN, RuleSet.Subsidy.whole(),
                    HardshipCategory.DIBAO, RuleSet.Subsidy.fixed(new BigDecimal("300")),
                    HardshipCategory.MONITORED, RuleSet.Subsidy.fixed(new BigDecimal("150"))));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no category: the whole contribution", List.of(), "400"),
                Arguments.of("特困: fully funded", List.of(HardshipCategory.TEKUN), "0"),
                Arguments.of("低保: a fixed 300, 100 left to pay", List.of(HardshipCategory.DIBAO), "100"),
                Arguments.of("监测对象: a fixed 150, 250 left", List.of(HardshipCategory.MONITORED), "250"),
                Arguments.of(
                        "低保 and 监测对象: the larger subsidy, not both",
                        List.of(HardshipCategory.DIBAO, HardshipCategory.MONITORED),
                        "100"),
                Arguments.of("低保 and 孤儿: fully funded", List.of(HardshipCategory.DIBAO, HardshipCategory.ORPHAN), "0"),
                Arguments.of(
                        "返贫致贫, not funded by this rule set: the whole contribution",
                        List.of(HardshipCategory.RETURNED_TO_POVERTY),
                        "400"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void personalShare(String name, List<HardshipCategory> categories, String share) {
        assertThat(RULES.personalShare(categories)).as(name).isEqualByComparingTo(share);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aFixedSubsidyAboveTheContributionPaysTheContributionOnly(
            String name, List<HardshipCategory> categories, String share) {
        RuleSet cheap = new RuleSet(
                1L,
                2027,
                "230100000000",
                "x",
                2025,
                new BigDecimal("100"),
                BigDecimal.ZERO,
                new BigDecimal("300000"),
                RULES.collectionStart(),
                RULES.collectionEnd(),
                RuleSet.MINIMUM_RAISE,
                RuleSet.MINIMUM_RAISE,
                20,
                RULES.subsidies());
        assertThat(cheap.personalShare(categories)).as(name).isBetween(BigDecimal.ZERO, new BigDecimal("100"));
    }
}
