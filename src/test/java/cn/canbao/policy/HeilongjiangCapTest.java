package cn.canbao.policy;

import static cn.canbao.policy.LimitLedger.ClaimYear.CLAIMED;
import static cn.canbao.policy.LimitLedger.ClaimYear.USED_REWARD;
import static cn.canbao.policy.LimitLedger.ClaimYear.ZERO;
import static cn.canbao.policy.PolicyTables.heilongjiang;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The serious-illness maximum (大病保险最高支付限额) from the Heilongjiang mechanism's words (二(三)), through the
 * year-by-year ledger and the bundled CapAdjustment decisions, one row per case:
 * "自2025年起，对连续参加居民医保满4年的参保人员，之后每连续参保1年，提高1次大病保险最高支付限额，连续参保年数自参加2025年度居民医保起
 * 计算。对当年基金零报销的居民医保参保人员，次年提高大病保险最高支付限额。连续参保激励和零报销激励，每次提高限额均不低于1000元，累计
 * 提高总额不超过所在统筹地区大病保险原最高支付限额的20%。居民发生大病报销并使用奖励额度后，前期积累的零报销激励额度清零。断保之后再次
 * 参保的，连续参保年数重新计算，且每断保1年，降低1次大病保险最高支付限额，断保年数自2025年起计算，断保约束累计降低总额不超过所在统筹
 * 地区大病保险原最高支付限额的20%。"
 */
class HeilongjiangCapTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, history, scheme year, original limit, claims, raise, reduction, change, clause
                Arguments.of(
                        "4 continuous years 2025–2028: no raise yet",
                        new PolicyTables.History(1980).residentFromTo(2025, 2027),
                        2028,
                        300_000,
                        Map.of(),
                        0,
                        0,
                        0,
                        "C3"),
                Arguments.of(
                        "the 5th continuous year is the first raise",
                        new PolicyTables.History(1980).residentFromTo(2025, 2028),
                        2029,
                        300_000,
                        Map.of(),
                        1000,
                        0,
                        1000,
                        "C3"),
                Arguments.of(
                        "the 6th year: two raises",
                        new PolicyTables.History(1980).residentFromTo(2025, 2029),
                        2030,
                        300_000,
                        Map.of(),
                        2000,
                        0,
                        2000,
                        "C3"),
                Arguments.of(
                        "years before 2025 never count for continuity",
                        new PolicyTables.History(1980).residentFromTo(2010, 2026),
                        2027,
                        300_000,
                        Map.of(),
                        0,
                        0,
                        0,
                        "C3"),
                Arguments.of(
                        "years before 2025 never count as breaks",
                        new PolicyTables.History(1980).resident(2010),
                        2025,
                        300_000,
                        Map.of(),
                        0,
                        0,
                        0,
                        "C3"),
                Arguments.of(
                        "never insured: 2025 and 2026 are two reductions in 2027",
                        new PolicyTables.History(1980),
                        2027,
                        300_000,
                        Map.of(),
                        0,
                        2000,
                        -2000,
                        "C3"),
                Arguments.of(
                        "break in 2026 only: one reduction, the run restarts",
                        new PolicyTables.History(1980).resident(2025),
                        2027,
                        300_000,
                        Map.of(),
                        0,
                        1000,
                        -1000,
                        "C3"),
                Arguments.of(
                        "reductions add up over separate breaks (2026, 2028)",
                        new PolicyTables.History(1980).resident(2025, 2027),
                        2029,
                        300_000,
                        Map.of(),
                        0,
                        2000,
                        -2000,
                        "C3"),
                Arguments.of(
                        "zero reimbursement in 2025 and 2026 raises 2026 and 2027",
                        new PolicyTables.History(1980).residentFromTo(2025, 2026),
                        2027,
                        300_000,
                        Map.of(2025, ZERO, 2026, ZERO),
                        2000,
                        0,
                        2000,
                        "C3"),
                Arguments.of(
                        "a claim that did not use reward quota clears nothing",
                        new PolicyTables.History(1980).residentFromTo(2025, 2027),
                        2028,
                        300_000,
                        Map.of(2025, ZERO, 2026, ZERO, 2027, CLAIMED),
                        2000,
                        0,
                        2000,
                        "C3"),
                Arguments.of(
                        "zero reimbursement then a claim using reward quota: only the zero-reimbursement raises "
                                + "are cleared, continuity's stay",
                        new PolicyTables.History(1980).residentFromTo(2025, 2029),
                        2030,
                        300_000,
                        Map.of(2025, ZERO, 2026, ZERO, 2028, USED_REWARD),
                        2000,
                        0,
                        2000,
                        "C3"),
                Arguments.of(
                        "raises reach 20% of the original limit (20,000 → at most 4,000)",
                        new PolicyTables.History(1980).residentFromTo(2025, 2034),
                        2035,
                        20_000,
                        Map.of(),
                        4000,
                        0,
                        4000,
                        "C1"),
                Arguments.of(
                        "reductions reach 20% of the original limit (10,000 → at most 2,000)",
                        new PolicyTables.History(1980).resident(2025), 2029, 10_000, Map.of(), 0, 2000, -2000, "C2"),
                Arguments.of(
                        "raises earned before a break stay; the break lowers once and restarts the run",
                        new PolicyTables.History(1980)
                                .residentFromTo(2025, 2030)
                                .residentFromTo(2032, 2032),
                        2033,
                        300_000,
                        Map.of(),
                        2000,
                        1000,
                        1000,
                        "C3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void limitChange(
            String name,
            PolicyTables.History history,
            int year,
            long originalLimit,
            Map<Integer, LimitLedger.ClaimYear> claims,
            long raise,
            long reduction,
            long change,
            String clause) {
        PolicyTables.Outcome o = PolicyTables.assess(
                history.build(), heilongjiang(year, originalLimit), true, LocalDate.of(year - 1, 11, 1), claims);
        assertThat(o.capReward()).as(name).isEqualTo(raise);
        assertThat(o.capPenalty()).as(name).isEqualTo(reduction);
        assertThat(o.capChange()).as(name).isEqualTo(change);
        assertThat(o.capClause()).as(name).isEqualTo(clause);
    }

    @Test
    void theLedgerSaysWhatEachYearDid() {
        LimitLedger l = LimitLedger.count(
                2025,
                2031,
                2025,
                java.util.Set.of(2025, 2026, 2027, 2028, 2030),
                Map.of(2027, ZERO, 2028, USED_REWARD));
        assertThat(l.steps())
                .extracting(LimitLedger.Step::year, LimitLedger.Step::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2028, "zeroClaim"),
                        org.assertj.core.groups.Tuple.tuple(2028, "zeroClaimCleared"),
                        org.assertj.core.groups.Tuple.tuple(2029, "break"));
        assertThat(l.reductions()).isEqualTo(1);
        assertThat(l.zeroClaimRaises()).isZero();
        assertThat(l.continuityRaises()).isZero();
    }

    @Test
    void notPayingThisYearLowersNextYearsLimitByOneReduction() {
        PolicyTables.Outcome o = PolicyTables.assess(
                new PolicyTables.History(1980).residentFromTo(2025, 2026).build(),
                heilongjiang(2027, 300_000),
                false,
                LocalDate.of(2027, 3, 1),
                Map.of());
        assertThat(o.reductionIfSkipped()).isEqualTo(1000);
        assertThat(o.lateWaitingMonths()).isEqualTo(3);
    }
}
