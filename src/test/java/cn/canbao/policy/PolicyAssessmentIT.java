package cn.canbao.policy;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.Yongchun;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Assessments from the register's history, through the deployed rules: inputs derived from enrollments
 * and payments (breaks, paybacks, scheme switches, groups), the clause that fired, the cap change, the
 * SMS sentence, and histories with overlapping years or gaps refused with their reason.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyAssessmentIT extends IntegrationTestBase {

    static final String VILLAGE = Yongchun.TAOCHENG_VILLAGE;
    static final LocalDate SPRING = LocalDate.of(2046, 3, 10);

    @Autowired
    PolicyService policy;

    @Autowired
    RuleSetService ruleSets;

    final String continuous = id(1980, 1);
    final String longBreak = id(1981, 2);
    final String hardship = id(1982, 3);
    final String switcher = id(1983, 4);
    final String overlap = id(1984, 5);
    final String gap = id(1985, 6);
    final String enrolled = id(1986, 7);
    final String veteran = id(1987, 8);
    final String formerSoldier = id(1988, 9);

    @BeforeAll
    void history() {
        // the county adopted the mechanism in 2040 (test years lie in the future): 2046 and 2047 rule sets, 低保 in full
        for (int year : List.of(2046, 2047)) {
            RuleSetFixtures.save(
                    ruleSets,
                    RuleSetFixtures.county(
                            COUNTY,
                            year,
                            2040,
                            Map.of(cn.canbao.register.person.HardshipCategory.DIBAO, RuleSetFixtures.full())));
        }
        List.of(continuous, longBreak, hardship, switcher, overlap, gap, enrolled, veteran, formerSoldier)
                .forEach(id -> jdbc.update(
                        "insert into person (id_number, name, birth_date, sex, household_region) values (?, '测试', ?, 'M', ?)",
                        id,
                        IdNumber.of(id).birthDate(),
                        VILLAGE));
        for (int y = 2040; y <= 2045; y++) {
            paid(continuous, y, LocalDate.of(y - 1, 11, 20));
            paid(enrolled, y, LocalDate.of(y - 1, 11, 20));
        }
        paid(enrolled, 2046, LocalDate.of(2045, 12, 1));
        // 2038–2041 on time, 2042–2045 broken, 2044 and 2045 paid back in 2046
        for (int y = 2038; y <= 2041; y++) {
            paid(longBreak, y, LocalDate.of(y - 1, 12, 1));
        }
        paid(longBreak, 2044, LocalDate.of(2046, 1, 5));
        paid(longBreak, 2045, LocalDate.of(2046, 1, 5));
        paid(hardship, 2040, LocalDate.of(2039, 12, 1));
        paid(veteran, 2043, LocalDate.of(2042, 12, 1));
        jdbc.update(
                "insert into person_group (id_number, grp, detail, since) values (?, 'HARDSHIP', 'DIBAO', '2020-01-01'), "
                        + "(?, 'VETERAN', '', '2046-02-01'), (?, 'VETERAN', '', '2030-07-01')",
                hardship,
                veteran,
                formerSoldier);
        for (int y = 2042; y <= 2045; y++) {
            jdbc.update(
                    "insert into enrollment (id_number, year, scheme, place) values (?, ?, 'EMPLOYEE', 'LOCAL')",
                    switcher,
                    y);
        }
        paid(overlap, 2044, LocalDate.of(2043, 12, 1));
        jdbc.update(
                "insert into enrollment (id_number, year, scheme, place, insured_region) "
                        + "values (?, 2044, 'EMPLOYEE', 'ELSEWHERE', '350583')",
                overlap);
        paid(gap, 2042, LocalDate.of(2041, 12, 1));
        jdbc.update(
                "insert into payment (receipt_no, id_number, year, scheme, paid_date, amount) "
                        + "values ('POL-GAP-2043', ?, 2043, 'RESIDENT', '2042-12-01', 400)",
                gap);
        jdbc.update("insert into campaign (name, year, county_code, collection_start, collection_end, coverage_goal, "
                + "created_by) values ('政策测试行动', 2047, '350525000000', '2046-09-01', '2046-12-31', 95, 'test')");
    }

    @AfterAll
    void removeCampaign() {
        jdbc.update("delete from campaign where name = '政策测试行动'");
        jdbc.update(
                "delete from policy_hardship_subsidy where rule_set_id in (select id from policy_rule_set "
                        + "where place_code = ? and scheme_year in (2046, 2047))",
                COUNTY);
        jdbc.update("delete from policy_rule_set where place_code = ? and scheme_year in (2046, 2047)", COUNTY);
    }

    @Test
    void enrollingOutsideTheCollectionPeriodAfterSixContinuousYears() {
        PolicyAssessment a = assess(continuous, SPRING);
        assertThat(a.year()).isEqualTo(2046);
        assertThat(a.ruleSetEntered()).isTrue();
        assertThat(a.inputs().countedFrom()).isEqualTo(2040);
        assertThat(a.inputs().inCollectionPeriod()).isFalse();
        assertThat(a.inputs().continuousYears()).isEqualTo(6);
        assertThat(a.inputs().currentBreakYears()).isZero();
        assertThat(a.waitingMonths()).isEqualTo(3);
        assertThat(a.waitingClause()).isEqualTo("W7");
        assertThat(a.waitingReason()).isEqualTo("未在集中参保期内参保，固定待遇等待期3个月");
        // 2046 would be the 7th year running since 2040: raises in the 5th, 6th and 7th
        assertThat(a.capReward()).isEqualTo(3000);
        assertThat(a.capChange()).isEqualTo(3000);
        assertThat(a.capClause()).isEqualTo("C3");
        assertThat(a.capReason()).startsWith("连续参保满4年后提高3次，每次1000元");
        assertThat(a.limitAfter()).isEqualTo(303_000);
        assertThat(a.steps()).extracting(LimitLedger.Step::year).containsExactly(2044, 2045, 2046);
        assertThat(a.rulesYear()).isEqualTo(2025);
        assertThat(a.personalShare()).isEqualByComparingTo("400");
        // skipping 2046 is a break: one reduction next year
        assertThat(a.lateWaitingMonths()).isEqualTo(3);
        assertThat(a.reductionIfSkipped()).isEqualTo(1000);
        assertThat(consequence(continuous, SPRING)).isEqualTo("逾期参保等待3个月，断缴降限额1000元");
    }

    @Test
    void theReminderQuotesTheFiguresOfTheAssessmentItself() {
        for (String id : List.of(continuous, longBreak, hardship, switcher, enrolled)) {
            PolicyAssessment a = assess(id, SPRING);
            PolicyService.Reminder r = SystemAccess.call(() -> policy.reminder(id, SPRING));
            assertThat(r.amount()).as(id).isEqualByComparingTo(a.personalShare());
            if (!a.inputs().enrolled() && a.lateWaitingMonths() > 0) {
                assertThat(r.consequence()).as(id).contains(a.lateWaitingMonths() + "个月");
            }
            if (!a.inputs().enrolled() && a.reductionIfSkipped() > 0) {
                assertThat(r.consequence()).as(id).contains(a.reductionIfSkipped() + "元");
            }
        }
    }

    @Test
    void inTheCollectionPeriodOfTheCountysCampaignTheCampaignYearIsAssessed() {
        PolicyAssessment a = assess(continuous, LocalDate.of(2046, 10, 15));
        assertThat(a.year()).isEqualTo(2047);
        assertThat(a.inputs().inCollectionPeriod()).isTrue();
        // 2046 was never paid: a break of one year before 2047
        assertThat(a.inputs().currentBreakYears()).isEqualTo(1);
        assertThat(a.waitingClause()).isEqualTo("W6");
        assertThat(a.waitingMonths()).isEqualTo(3);
        // the two raises of 2044 and 2045 stay, the break of 2046 lowers once
        assertThat(a.capReward()).isEqualTo(2000);
        assertThat(a.capPenalty()).isEqualTo(1000);
        assertThat(a.capChange()).isEqualTo(1000);
        assertThat(a.capReason()).contains("断保1年，每年降低1次，每次1000元");
    }

    @Test
    void aLongBreakPartlyPaidBackStillWaitsSixMonths() {
        PolicyAssessment a = assess(longBreak, SPRING);
        // 2038 and 2039 lie before the mechanism: they are neither continuity nor breaks
        assertThat(a.inputs().breakYears()).containsExactly(2042, 2043, 2044, 2045);
        assertThat(a.inputs().paidBackYears()).containsExactly(2044, 2045);
        assertThat(a.inputs().currentBreakYears()).isEqualTo(4);
        assertThat(a.inputs().paidBackInBreak()).isEqualTo(2);
        assertThat(a.waitingClause()).isEqualTo("W5");
        assertThat(a.waitingMonths()).isEqualTo(6);
        assertThat(a.capPenalty()).isEqualTo(4000);
        assertThat(a.capChange()).isEqualTo(-4000);
        assertThat(consequence(longBreak, SPRING)).isEqualTo("逾期参保等待6个月，断缴降限额5000元");
    }

    @Test
    void exemptGroupsWaitNothingAndAreToldTheLimitLoss() {
        PolicyAssessment a = assess(hardship, SPRING);
        assertThat(a.inputs().currentBreakYears()).isEqualTo(5);
        assertThat(a.waitingClause()).isEqualTo("W2");
        assertThat(a.waitingMonths()).isZero();
        assertThat(a.personalShare()).isEqualByComparingTo("0");
        assertThat(a.fullyFunded()).isTrue();
        // enrolling late costs no waiting; not paying at all adds a sixth break year next year
        assertThat(consequence(hardship, SPRING)).isEqualTo("断缴将使大病保险最高支付限额降低6000元");
        PolicyAssessment v = assess(veteran, SPRING);
        assertThat(v.waitingClause()).isEqualTo("W3");
        assertThat(v.waitingReason()).isEqualTo("当年退出现役军人及其随军未就业配偶参保，免待遇等待期");
        // a soldier who left service in 2030 is no special group in 2046
        assertThat(assess(formerSoldier, SPRING).waitingClause()).isEqualTo("W5");
    }

    @Test
    void switchingFromTheEmployeeSchemeWithinThreeMonthsWaitsNothing() {
        PolicyAssessment a = assess(switcher, SPRING);
        assertThat(a.inputs().switchingScheme()).isTrue();
        assertThat(a.inputs().priorSchemeYears()).isEqualTo(4);
        assertThat(a.inputs().gapMonths()).isEqualTo(2);
        assertThat(a.waitingClause()).isEqualTo("W4");
        assertThat(a.waitingMonths()).isZero();
        // in June the gap is five months: the fixed waiting period applies
        PolicyAssessment june = assess(switcher, LocalDate.of(2046, 6, 10));
        assertThat(june.inputs().gapMonths()).isEqualTo(5);
        assertThat(june.waitingClause()).isEqualTo("W7");
    }

    @Test
    void aYearWithoutARuleSetGetsNoRuleOfTheMechanism() {
        // 2045 has no rule set for the county (nor its city or province): the fallback contribution, no rules
        PolicyAssessment a = assess(formerSoldier, LocalDate.of(2045, 3, 1));
        assertThat(a.ruleSetEntered()).isFalse();
        assertThat(a.inputs().mechanism()).isFalse();
        assertThat(a.waitingMonths()).isZero();
        assertThat(a.capChange()).isZero();
        assertThat(a.personalShare()).isEqualByComparingTo("400");
        assertThat(consequence(formerSoldier, LocalDate.of(2045, 3, 1))).isEqualTo("请在集中参保期内按时缴费");
    }

    @Test
    void anEnrolledPersonLosesNothing() {
        PolicyAssessment a = assess(enrolled, SPRING);
        assertThat(a.inputs().enrolled()).isTrue();
        assertThat(a.inputs().continuousYears()).isEqualTo(7);
        assertThat(consequence(enrolled, SPRING)).isEqualTo("2046年度已参保，无断缴影响");
    }

    @Test
    void overlappingYearsAndGapsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> assess(overlap, SPRING)).isInstanceOfSatisfying(PolicyException.class, e -> {
            assertThat(e.messageKey()).isEqualTo("policy.history.overlap");
            assertThat(e.args()).containsExactly(IdNumber.mask(overlap), 2044, "EMPLOYEE/ELSEWHERE、RESIDENT/LOCAL");
        });
        assertThatThrownBy(() -> consequence(gap, SPRING)).isInstanceOfSatisfying(PolicyException.class, e -> {
            assertThat(e.messageKey()).isEqualTo("policy.history.gap");
            assertThat(e.args()).containsExactly(IdNumber.mask(gap), 2043);
        });
        jdbc.update(
                "insert into payment (receipt_no, id_number, year, scheme, paid_date, amount) "
                        + "values ('POL-TWICE-2045', ?, 2045, 'RESIDENT', '2044-12-02', 400)",
                continuous);
        try {
            assertThatThrownBy(() -> assess(continuous, SPRING))
                    .isInstanceOfSatisfying(
                            PolicyException.class,
                            e -> assertThat(e.messageKey()).isEqualTo("policy.history.paidTwice"));
        } finally {
            jdbc.update("delete from payment where receipt_no = 'POL-TWICE-2045'");
        }
        assertThatThrownBy(() -> assess(id(1990, 9), SPRING))
                .isInstanceOfSatisfying(
                        PolicyException.class, e -> assertThat(e.messageKey()).isEqualTo("policy.person.notFound"));
    }

    @Test
    void manyPersonsAtOnceLeaveOutTheUnreadable() {
        Map<String, String> sentences = consequences(List.of(continuous, longBreak, overlap, id(1991, 9)), SPRING);
        assertThat(sentences).containsOnlyKeys(continuous, longBreak);
        assertThat(sentences.get(longBreak)).isEqualTo("逾期参保等待6个月，断缴降限额5000元");
        assertThat(sentences.values())
                .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(PolicyService.MAX_CONSEQUENCE_LENGTH));
    }

    @Test
    void aUserAssessesThePersonsOfTheirRegionOnlyAndNobodyElseAny() {
        String taocheng = security.ensureUser("policy.clerk.taocheng", "350525101000", Role.CLERK);
        String dongping = security.ensureUser("policy.clerk.dongping", "350525102000", Role.CLERK);
        assertThat(security.as(taocheng, () -> policy.assess(continuous, SPRING))
                        .waitingClause())
                .isEqualTo("W7");
        assertThatThrownBy(() -> security.as(dongping, () -> policy.assess(continuous, SPRING)))
                .isInstanceOfSatisfying(
                        PolicyException.class, e -> assertThat(e.messageKey()).isEqualTo("policy.person.notFound"));
        assertThat(security.as(dongping, () -> policy.nonPaymentConsequences(List.of(continuous), SPRING)))
                .isEmpty();
        // nobody at all is refused at the service's door
        assertThatThrownBy(() -> policy.assess(continuous, SPRING))
                .isInstanceOf(
                        org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
    }

    /** Assessments as outreach's reminders make them: system work, which reads every person. */
    private PolicyAssessment assess(String id, LocalDate day) {
        return SystemAccess.call(() -> policy.assess(id, day));
    }

    private String consequence(String id, LocalDate day) {
        return SystemAccess.call(() -> policy.nonPaymentConsequence(id, day));
    }

    private Map<String, String> consequences(List<String> ids, LocalDate day) {
        return SystemAccess.call(() -> policy.nonPaymentConsequences(ids, day));
    }

    private void paid(String id, int year, LocalDate paidDate) {
        jdbc.update(
                "insert into enrollment (id_number, year, scheme, place, paid_date, amount) "
                        + "values (?, ?, 'RESIDENT', 'LOCAL', ?, 400)",
                id,
                year,
                paidDate);
        jdbc.update(
                "insert into payment (receipt_no, id_number, year, scheme, paid_date, amount) "
                        + "values (?, ?, ?, 'RESIDENT', ?, 400)",
                "POL-" + id.substring(10) + "-" + year,
                id,
                year,
                paidDate);
    }

    /** A valid ID number of the county, born on 1 March of the year. */
    static String id(int birthYear, int sequence) {
        String first17 = "350525" + birthYear + "0301" + String.format("%03d", 700 + sequence);
        return first17 + IdNumber.checkCharacter(first17);
    }
}
