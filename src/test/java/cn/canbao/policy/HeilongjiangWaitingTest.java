package cn.canbao.policy;

import static cn.canbao.policy.PolicyTables.heilongjiang;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.policy.payments.PaymentHistory;
import cn.canbao.register.person.HardshipCategory;
import cn.canbao.register.person.PersonGroup;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The waiting period (待遇等待期) from the Heilongjiang mechanism's own words (二(三)), one row per case the issue
 * names, through the bundled decision table:
 * "自2025年起，除新生儿、医疗救助资助参保对象、当年退出现役军人及其随军未就业配偶等特殊群体外，对未在居民医保集中参保期内参保或未连续参保
 * 的人员，设置参保后固定待遇等待期3个月；其中，未连续参保的，每多断保1年，在固定待遇等待期基础上增加变动待遇等待期1个月，参保人员可通过
 * 缴费修复变动待遇等待期，每多缴纳1年可减少1个月变动待遇等待期，连续断缴4年及以上的，修复后固定待遇等待期和变动待遇等待期之和不少于6个月。"
 * "每多断保1年" is read as: the first year of break makes a person not continuously enrolled (the fixed 3 months),
 * each further year adds one month — a break of 1 year waits 3 months, of 2 years 4 (both edges below).
 */
class HeilongjiangWaitingTest {

    private static final LocalDate IN_PERIOD = LocalDate.of(2026, 11, 1);

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, history, scheme year, day, in the collection period, months, clause
                Arguments.of(
                        "never insured, first year of the mechanism, in the period",
                        new PolicyTables.History(1980),
                        2025,
                        LocalDate.of(2024, 11, 1),
                        true,
                        0,
                        "W8"),
                Arguments.of(
                        "never insured, first year, after the period",
                        new PolicyTables.History(1980),
                        2025,
                        LocalDate.of(2025, 3, 1),
                        false,
                        3,
                        "W7"),
                Arguments.of(
                        "never insured: 2025 and 2026 are breaks (counted from 2025), 3 + 1 months",
                        new PolicyTables.History(1980),
                        2027,
                        IN_PERIOD,
                        true,
                        4,
                        "W6"),
                Arguments.of(
                        "years before 2025 never count: insured to 2022, nothing in 2023–2024",
                        new PolicyTables.History(1980).residentFromTo(2015, 2022),
                        2025,
                        LocalDate.of(2024, 11, 1),
                        true,
                        0,
                        "W8"),
                Arguments.of(
                        "break in 2026 only (edge: one year of break is the fixed 3 months)",
                        new PolicyTables.History(1980).resident(2025),
                        2027,
                        IN_PERIOD,
                        true,
                        3,
                        "W6"),
                Arguments.of(
                        "break 2026–2027 (edge: the second year adds one month)",
                        new PolicyTables.History(1980).resident(2025),
                        2028,
                        LocalDate.of(2027, 11, 1),
                        true,
                        4,
                        "W6"),
                Arguments.of(
                        "a break of 2026 already followed by an enrolled 2027: continuous again, no waiting",
                        new PolicyTables.History(1980)
                                .resident(2025)
                                .paidBack(LocalDate.of(2027, 1, 10), 2026)
                                .resident(2027),
                        2028,
                        LocalDate.of(2027, 11, 1),
                        true,
                        0,
                        "W8"),
                Arguments.of(
                        "5-year break 2026–2030: 3 + 4 months",
                        new PolicyTables.History(1980).resident(2025),
                        2031,
                        LocalDate.of(2030, 11, 1),
                        true,
                        7,
                        "W5"),
                Arguments.of(
                        "5-year break, 2 years paid back: 3 + 2, at least 6",
                        new PolicyTables.History(1980).resident(2025).paidBack(LocalDate.of(2031, 1, 5), 2029, 2030),
                        2031,
                        LocalDate.of(2030, 11, 1),
                        true,
                        6,
                        "W5"),
                Arguments.of(
                        "5-year break, all paid back: still at least 6 months",
                        new PolicyTables.History(1980)
                                .resident(2025)
                                .paidBack(LocalDate.of(2031, 1, 5), 2026, 2027, 2028, 2029, 2030),
                        2031,
                        LocalDate.of(2030, 11, 1),
                        true,
                        6,
                        "W5"),
                Arguments.of(
                        "3-year break, all paid back: below 4 years no minimum of 6, the fixed 3 stay",
                        new PolicyTables.History(1980)
                                .resident(2025)
                                .paidBack(LocalDate.of(2029, 1, 5), 2026, 2027, 2028),
                        2029,
                        LocalDate.of(2028, 11, 1),
                        true,
                        3,
                        "W6"),
                Arguments.of(
                        "newborn of the year, after the period: exempt",
                        new PolicyTables.History(2027),
                        2027,
                        LocalDate.of(2027, 5, 1),
                        false,
                        0,
                        "W1"),
                Arguments.of(
                        "a child born in 2025 and never enrolled: 2025–2026 are breaks in 2027",
                        new PolicyTables.History(2025),
                        2027,
                        IN_PERIOD,
                        true,
                        4,
                        "W6"),
                Arguments.of(
                        "veteran's unemployed spouse, the year the soldier left service: exempt despite a break",
                        new PolicyTables.History(1985)
                                .resident(2025)
                                .group(PersonGroup.MILITARY_SPOUSE, "", LocalDate.of(2027, 3, 1)),
                        2027,
                        LocalDate.of(2027, 5, 1),
                        false,
                        0,
                        "W3"),
                Arguments.of(
                        "the same spouse a year later: no longer exempt",
                        new PolicyTables.History(1985)
                                .resident(2025)
                                .group(PersonGroup.MILITARY_SPOUSE, "", LocalDate.of(2027, 3, 1)),
                        2028,
                        LocalDate.of(2028, 5, 1),
                        false,
                        4,
                        "W6"),
                Arguments.of(
                        "a veteran who left service years ago: not exempt (from data, not a flag)",
                        new PolicyTables.History(1975).group(PersonGroup.VETERAN, "", LocalDate.of(2019, 8, 1)),
                        2025,
                        LocalDate.of(2025, 4, 1),
                        false,
                        3,
                        "W7"),
                Arguments.of(
                        "switch from employee insurance after 3 years, 2 months' gap: back pay, no waiting",
                        new PolicyTables.History(1980).employee(2024, 2026),
                        2027,
                        LocalDate.of(2027, 3, 1),
                        false,
                        0,
                        "W4"),
                Arguments.of(
                        "switch after 2 years of basic insurance (1 resident + 1 employee), within 3 months",
                        new PolicyTables.History(1980).resident(2025).employee(2026, 2026),
                        2027,
                        LocalDate.of(2027, 4, 1),
                        false,
                        0,
                        "W4"),
                Arguments.of(
                        "switch with a gap of 4 months: the fixed 3 months",
                        new PolicyTables.History(1980).employee(2024, 2026),
                        2027,
                        LocalDate.of(2027, 5, 2),
                        false,
                        3,
                        "W7"),
                Arguments.of(
                        "switch after 1 year only: the fixed 3 months",
                        new PolicyTables.History(1980).employee(2026, 2026),
                        2027,
                        LocalDate.of(2027, 2, 1),
                        false,
                        3,
                        "W7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void waitingPeriod(
            String name,
            PolicyTables.History history,
            int year,
            LocalDate day,
            boolean inPeriod,
            int months,
            String clause) {
        PolicyTables.Outcome o =
                PolicyTables.assess(history.build(), heilongjiang(year, 300_000), inPeriod, day, Map.of());
        assertThat(o.waitingMonths()).as(name).isEqualTo(months);
        assertThat(o.waitingClause()).as(name).isEqualTo(clause);
    }

    @Test
    void aHardshipMemberTheRuleSetFundsIsExemptAsFundedByMedicalAssistance() {
        PaymentHistory h = new PolicyTables.History(1970)
                .group(PersonGroup.HARDSHIP, HardshipCategory.DIBAO.name(), LocalDate.of(2024, 1, 1))
                .build();
        RuleSet funded = PolicyTables.withSubsidies(
                heilongjiang(2027, 300_000),
                Map.of(HardshipCategory.DIBAO, RuleSet.Subsidy.fixed(new java.math.BigDecimal("300"))));
        assertThat(PolicyTables.assess(h, funded, false, LocalDate.of(2027, 5, 1), Map.of())
                        .waitingClause())
                .isEqualTo("W2");
        // a category the rule set does not fund is no medical-assistance enrollee: 2025–2026 are breaks
        assertThat(PolicyTables.assess(h, heilongjiang(2027, 300_000), false, LocalDate.of(2027, 5, 1), Map.of())
                        .waitingMonths())
                .isEqualTo(4);
    }

    @Test
    void withoutTheMechanismNothingWaits() {
        PaymentHistory h = new PolicyTables.History(1980).resident(2025).build();
        PolicyTables.Outcome o = PolicyTables.assess(
                h,
                PolicyTables.withoutMechanism(heilongjiang(2031, 300_000)),
                false,
                LocalDate.of(2031, 5, 1),
                Map.of());
        assertThat(o.inputs().mechanism()).isFalse();
        assertThat(o.waitingMonths()).isZero();
        assertThat(o.capChange()).isZero();
    }

    @Test
    void aRuleSetOfAYearBeforeItsPlaceAdoptedTheMechanismAppliesNone() {
        RuleSet before = heilongjiang(2024, 300_000);
        assertThat(before.mechanismApplies()).isFalse();
        PolicyTables.Outcome o = PolicyTables.assess(
                new PolicyTables.History(1980).build(), before, false, LocalDate.of(2024, 5, 1), Map.of());
        assertThat(o.waitingMonths()).isZero();
    }
}
