package cn.canbao.quota;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.region.RegionException;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportTestSupport;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The baseline table counts the register per village and rolls it up the hierarchy, after each import. */
@CanbaoIntegrationTest
class BaselineIT {

    static final String TOWNSHIP = "350525120000";
    // a year no other test enrols anybody in (the county row counts the whole county)
    static final int YEAR = 2079;

    @Autowired
    BaselineService baseline;
    @Autowired
    ImportTestSupport importer;
    @Autowired
    SecurityTestSupport security;
    @Autowired
    RegionService regions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Scheduler scheduler;

    @Test
    void importsRefreshTheTableOfEveryLevelWithTheColumnsOfTheCampaignPlan() {
        security.ensureUser("clerk.baseline", "350525000000", Role.CLERK);
        var villages = SystemAccess.call(() -> regions.descendantsAtLevel(TOWNSHIP, RegionLevel.VILLAGE));
        String v1 = villages.get(0).code();
        String v2 = villages.get(1).code();
        String[] ids = new String[5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = TestIds.id("350525", LocalDate.of(1961, 1, 1 + i), 901 + 2 * i);
        }
        importer.importAs("clerk.baseline", ExtractKind.POLICE_HOUSEHOLD, "baseline.csv",
                "身份证号,姓名,变动类型,变动日期,户籍地区划\n" + ids[0] + ",甲,在册,2000-01-01," + v1 + "\n"
                        + ids[1] + ",乙,在册,2000-01-01," + v1 + "\n" + ids[2] + ",丙,在册,2000-01-01," + v1 + "\n"
                        + ids[3] + ",丁,在册,2000-01-01," + v2 + "\n" + ids[4] + ",戊,在册,2000-01-01," + v2 + "\n");
        importer.importAs("clerk.baseline", ExtractKind.INSURANCE_STATUS, "baseline-insured.csv",
                "身份证号,姓名,参保年度,险种,参保地,参保地区划\n"
                        + ids[0] + ",甲," + YEAR + ",居民,本地,\n" + ids[0] + ",甲," + YEAR + ",职工,异地,350583\n"
                        + ids[1] + ",乙," + YEAR + ",职工,异地,350583\n"
                        + ids[2] + ",丙," + (YEAR - 1) + ",居民,本地,\n"
                        + ids[3] + ",丁," + YEAR + ",居民,本地,\n");

        var village = jdbc.queryForMap("select * from baseline where year = ? and region_code = ?", YEAR, v1);
        assertThat(village).containsEntry("registered", 3).containsEntry("insured_local", 1)
                .containsEntry("insured_elsewhere", 1).containsEntry("lapsed", 1);

        var table = security.as("clerk.baseline", () -> baseline.table(TOWNSHIP, YEAR));
        Baseline township = table.get(0);
        assertThat(township.regionCode()).isEqualTo(TOWNSHIP);
        assertThat(township.registered()).isEqualTo(5);
        assertThat(township.insuredTotal()).isEqualTo(3);
        assertThat(township.uninsured()).isEqualTo(2);
        assertThat(township.coverageRate()).isEqualByComparingTo(new BigDecimal("60.00"));
        assertThat(township.uninsuredRate()).isEqualByComparingTo(new BigDecimal("40.00"));
        assertThat(table).extracting(Baseline::regionCode).contains(v1, v2).hasSize(villages.size() + 1);
        assertThat(table.stream().skip(1).mapToInt(Baseline::registered).sum()).isEqualTo(5);
        // the county row holds at least these people too (other tests add their own)
        Baseline county = security.as("clerk.baseline", () -> baseline.table("350525000000", YEAR)).get(0);
        assertThat(county.registered()).isGreaterThanOrEqualTo(5);
        assertThat(county.insuredLocal()).isEqualTo(2);
    }

    @Test
    void aTownshipLeaderReadsOnlyTheirOwnTable() {
        security.ensureUser("leader.baseline", "350525101000", Role.TOWNSHIP_LEADER);
        assertThatThrownBy(() -> security.as("leader.baseline", () -> baseline.table(TOWNSHIP, YEAR)))
                .isInstanceOf(RegionException.class);
    }

    @Test
    void theNightlyRefreshIsScheduledInQuartzAndRuns() throws Exception {
        var trigger = scheduler.getTrigger(TriggerKey.triggerKey(BaselineRefreshJob.Schedule.NAME, "target"));
        assertThat(trigger).isNotNull();
        assertThat(trigger.getNextFireTime()).isNotNull();
        // the job refreshes the three latest years with enrollments: a year later than any other test's is one of them
        // whatever ran before (tests run in any order)
        int latest = 2098;
        String person = TestIds.id("350525", LocalDate.of(1961, 1, 1), 901);
        try {
            jdbc.update("delete from baseline where year = ?", latest);
            jdbc.update("insert into enrollment (id_number, year, scheme, place) values (?, ?, 'RESIDENT', 'LOCAL') "
                    + "on conflict do nothing", person, latest);
            scheduler.triggerJob(JobKey.jobKey(BaselineRefreshJob.Schedule.NAME, "target"));
            await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "select count(*) from baseline where year = ?", Integer.class, latest) > 0);
        } finally {
            jdbc.update("delete from enrollment where id_number = ? and year = ?", person, latest);
            jdbc.update("delete from baseline_group where year = ?", latest);
            jdbc.update("delete from baseline where year = ?", latest);
        }
    }
}
