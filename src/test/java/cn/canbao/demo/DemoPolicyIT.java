package cn.canbao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.Yongchun;
import cn.canbao.policy.PolicyAssessment;
import cn.canbao.policy.PolicyService;
import cn.canbao.policy.RuleSetFixtures;
import cn.canbao.policy.RuleSetService;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo county is Fujian in 2023: the Heilongjiang mechanism ("自2025年起") is not its rule, so a resident with a
 * two-year break waits nothing, loses nothing and is asked only to pay on time, the 2023 contribution of the demo
 * rule set (380 yuan) less any hardship subsidy.
 */
@CanbaoIntegrationTest
class DemoPolicyIT extends IntegrationTestBase {

    static final String VILLAGE = Yongchun.TAOCHENG_VILLAGE;
    static final LocalDate SPRING_2023 = LocalDate.of(2023, 3, 1);

    @Autowired
    PolicyService policy;

    @Autowired
    RuleSetService ruleSets;

    @Test
    void theDemoCountyComputesNoRuleOfTheHeilongjiangMechanismFor2023() {
        RuleSetFixtures.save(ruleSets, DemoCountyLoader.demoRuleSet());
        String broken = person(1970, 11);
        for (int year = 2015; year <= 2020; year++) {
            jdbc.update(
                    "insert into enrollment (id_number, year, scheme, place, paid_date, amount) "
                            + "values (?, ?, 'RESIDENT', 'LOCAL', ?, 280)",
                    broken,
                    year,
                    LocalDate.of(year - 1, 11, 1));
        }
        String dibao = person(1971, 12);
        jdbc.update("insert into person_group (id_number, grp, detail) values (?, 'HARDSHIP', 'DIBAO')", dibao);
        String tekun = person(1972, 13);
        jdbc.update("insert into person_group (id_number, grp, detail) values (?, 'HARDSHIP', 'TEKUN')", tekun);

        PolicyAssessment a = SystemAccess.call(() -> policy.assess(broken, SPRING_2023));
        assertThat(a.year()).isEqualTo(2023);
        assertThat(a.ruleSetEntered()).isTrue();
        assertThat(a.ruleSet().mechanismFrom()).isNull();
        assertThat(a.inputs().mechanism()).isFalse();
        assertThat(a.waitingMonths()).isZero();
        assertThat(a.capChange()).isZero();
        assertThat(a.steps()).isEmpty();
        assertThat(a.personalShare()).isEqualByComparingTo("380");
        assertThat(SystemAccess.call(() -> policy.nonPaymentConsequence(broken, SPRING_2023)))
                .isEqualTo("请在集中参保期内按时缴费");
        // 分类资助 of the demo rule set: 低保 a fixed 200 (180 left), 特困 in full
        assertThat(SystemAccess.call(() -> policy.reminder(dibao, SPRING_2023)).amount())
                .isEqualByComparingTo("180");
        assertThat(SystemAccess.call(() -> policy.assess(tekun, SPRING_2023)).fullyFunded())
                .isTrue();
    }

    private String person(int birthYear, int sequence) {
        String first17 = "350525" + birthYear + "0401" + String.format("%03d", 800 + sequence);
        String id = first17 + IdNumber.checkCharacter(first17);
        jdbc.update(
                "insert into person (id_number, name, birth_date, sex, household_region) values (?, '演示', ?, 'F', ?) "
                        + "on conflict do nothing",
                id,
                IdNumber.of(id).birthDate(),
                VILLAGE);
        return id;
    }
}
