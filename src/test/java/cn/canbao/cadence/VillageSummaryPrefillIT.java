package cn.canbao.cadence;

import static cn.canbao.cadence.CadenceTestCounty.COUNTY;
import static cn.canbao.cadence.CadenceTestCounty.VILLAGE_1;
import static cn.canbao.cadence.CadenceTestCounty.VILLAGE_2;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.base.CanbaoClock;
import cn.canbao.campaign.Campaign;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The daily summary counts what the register received since the village's previous summary: an
 * enrolment of the campaign's year imported after the first summary shows in the second only, with the
 * payment that came with a tax extract and a reason a grid worker recorded; the third shows nothing new.
 */
@CanbaoIntegrationTest
class VillageSummaryPrefillIT extends IntegrationTestBase {

    static final int YEAR = 2054;

    @Autowired
    CadenceService cadence;

    @Autowired
    CadenceTestSupport driver;

    private Campaign campaign;

    @AfterEach
    void cleanUp() throws Exception {
        driver.cleanUp();
    }

    @Test
    void enrolmentsImportedAfterASummaryCountInTheNextOneOnly() {
        driver.ensureCounty();
        String clerk = security.ensureUser("clerk.cadence", COUNTY, Role.CLERK);
        String leader = security.ensureUser("county.leader.prefill", COUNTY, Role.COUNTY_LEADER);
        String[] ids = new String[3];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = TestIds.id("350599", LocalDate.of(1982, 5, 1 + i), 901 + 2 * i);
        }
        importer.register(
                clerk,
                PoliceExtract.registeredOn("2000-01-01")
                        .inVillage(ids[0], "甲", VILLAGE_1)
                        .inVillage(ids[1], "乙", VILLAGE_1)
                        .inVillage(ids[2], "丙", VILLAGE_1));
        LocalDate first = LocalDate.now(CanbaoClock.DEFAULT_ZONE).minusDays(5);
        campaign = driver.start(leader, "节奏预填行动", YEAR, first);

        assertThat(tick(first).summariesStarted()).isEqualTo(3);
        assertThat(numbers(VILLAGE_1, first)).containsExactly(0, 0, 0, 0);

        importer.importAs(
                clerk,
                ExtractKind.INSURANCE_STATUS,
                "cadence-insured.csv",
                ExtractHeaders.INSURANCE + ids[0] + ",甲," + YEAR + ",居民,本地\n" + ids[1] + ",乙," + (YEAR - 1)
                        + ",居民,本地\n");
        importer.importAs(
                clerk,
                ExtractKind.TAX_PAYMENT,
                "cadence-paid.csv",
                ExtractHeaders.TAX_PAYMENT + ids[2] + ",丙," + YEAR + ",居民,2053-10-08,400,CAD-" + System.nanoTime()
                        + "\n");
        // a grid worker records why someone does not enrol (the outreach module will write these rows)
        jdbc.update(
                "insert into person_change (id_number, field, old_value, new_value, changed_by) "
                        + "values (?, 'not_enrolled_reason', null, 'WORKS_AWAY', 'grid.worker')",
                ids[1]);
        // two visits in the first village (what the outreach visit form records), none in the second
        for (String outcome : new String[] {"UNREACHABLE", "REFUSED"}) {
            jdbc.update(
                    "insert into visit (id_number, village_code, visited_by, method, outcome) "
                            + "values (?, ?, 'grid.worker', 'HOME', ?)",
                    ids[1],
                    VILLAGE_1,
                    outcome);
        }

        tick(first.plusDays(1));
        // 甲 enrolled by the insurance extract, 丙 by paying (a payment is also an enrolment); 乙 only last year
        assertThat(numbers(VILLAGE_1, first.plusDays(1))).containsExactly(2, 1, 1, 2);
        assertThat(numbers(VILLAGE_2, first.plusDays(1))).containsExactly(0, 0, 0, 0);
        VillageSummary second = security.as(leader, () -> cadence.summary(campaign.id(), VILLAGE_1, first.plusDays(1)));
        VillageSummary firstSummary = security.as(leader, () -> cadence.summary(campaign.id(), VILLAGE_1, first));
        assertThat(second.since()).isEqualTo(firstSummary.until());

        tick(first.plusDays(2));
        assertThat(numbers(VILLAGE_1, first.plusDays(2))).containsExactly(0, 0, 0, 0);
    }

    private CadenceTick tick(LocalDate day) {
        return driver.tick(campaign, day);
    }

    private java.util.List<Integer> numbers(String village, LocalDate day) {
        return jdbc.queryForObject(
                "select array[new_enrollments, new_payments, reasons_recorded, visits_made] from village_summary "
                        + "where campaign_id = ? and village_code = ? and report_date = ?",
                (rs, n) -> java.util.Arrays.asList((Integer[]) rs.getArray(1).getArray()),
                campaign.id(),
                village,
                day);
    }
}
