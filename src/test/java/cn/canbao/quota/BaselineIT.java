package cn.canbao.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.Yongchun;
import cn.canbao.quota.jobs.BaselineRefreshJob;
import cn.canbao.region.RegionException;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.RegisterFigures;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;

/** The baseline table counts the register per village and rolls it up the hierarchy, after each import. */
@CanbaoIntegrationTest
class BaselineIT extends IntegrationTestBase {

    // the first test counts every village of TOWNSHIP; the others import into OTHER_TOWNSHIP's (any order)
    static final String TOWNSHIP = Yongchun.township(20);
    static final String OTHER_TOWNSHIP = Yongchun.township(21);
    // a year no other test enrols anybody in (the county row counts the whole county)
    static final int YEAR = 2079;

    @Autowired
    BaselineService baseline;

    @Autowired
    Scheduler scheduler;

    @Autowired
    RegisterFigures registerFigures;

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
        importer.importAs(
                "clerk.baseline",
                ExtractKind.POLICE_HOUSEHOLD,
                "baseline.csv",
                ExtractHeaders.POLICE_BASIC + ids[0] + ",甲,在册,2000-01-01," + v1 + "\n"
                        + ids[1] + ",乙,在册,2000-01-01," + v1 + "\n" + ids[2] + ",丙,在册,2000-01-01," + v1 + "\n"
                        + ids[3] + ",丁,在册,2000-01-01," + v2 + "\n" + ids[4] + ",戊,在册,2000-01-01," + v2 + "\n");
        importer.importAs(
                "clerk.baseline",
                ExtractKind.INSURANCE_STATUS,
                "baseline-insured.csv",
                ExtractHeaders.INSURANCE_WITH_REGION
                        + ids[0] + ",甲," + YEAR + ",居民,本地,\n" + ids[0] + ",甲," + YEAR + ",职工,异地,350583\n"
                        + ids[1] + ",乙," + YEAR + ",职工,异地,350583\n"
                        + ids[2] + ",丙," + (YEAR - 1) + ",居民,本地,\n"
                        + ids[3] + ",丁," + YEAR + ",居民,本地,\n");

        var village = jdbc.queryForMap("select * from baseline where year = ? and region_code = ?", YEAR, v1);
        assertThat(village)
                .containsEntry("registered", 3)
                .containsEntry("insured_local", 1)
                .containsEntry("insured_elsewhere", 1)
                .containsEntry("lapsed", 1);

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
        Baseline county = security.as("clerk.baseline", () -> baseline.table("350525000000", YEAR))
                .get(0);
        assertThat(county.registered()).isGreaterThanOrEqualTo(5);
        assertThat(county.insuredLocal()).isEqualTo(2);
    }

    /**
     * A late extract for a past year (older than the recent years every import refreshes) refreshes that year too:
     * the import's own years are found by probing each older year, not by reading every enrollment.
     */
    @Test
    void aLateExtractForAPastYearRefreshesThatYearToo() {
        int pastYear = 1999; // no other test enrols anybody then: far older than the recent years
        security.ensureUser("clerk.baseline.late", "350525000000", Role.CLERK);
        String village = SystemAccess.call(() -> regions.descendantsAtLevel(OTHER_TOWNSHIP, RegionLevel.VILLAGE))
                .get(3) // a village of its own: the province test counts its own
                .code();
        String id = TestIds.id("350525", LocalDate.of(1962, 3, 4), 951);
        importer.importAs(
                "clerk.baseline.late",
                ExtractKind.POLICE_HOUSEHOLD,
                "baseline-late.csv",
                ExtractHeaders.POLICE_BASIC + id + ",庚,在册,2000-01-01," + village + "\n");
        jdbc.update("delete from baseline where year = ?", pastYear);

        long late = importer.importAs(
                        "clerk.baseline.late",
                        ExtractKind.INSURANCE_STATUS,
                        "baseline-late-insured.csv",
                        ExtractHeaders.INSURANCE_WITH_REGION + id + ",庚," + pastYear + ",居民,本地,\n")
                .id();

        var row = jdbc.queryForMap("select * from baseline where year = ? and region_code = ?", pastYear, village);
        assertThat(row).containsEntry("insured_local", 1);
        assertThat((Integer) row.get("registered")).isGreaterThanOrEqualTo(1);
        // the year is found whatever the recent years are, and only when the caller does not know it already
        assertThat(SystemAccess.call(() -> registerFigures.enrollmentYearsOf(late, Set.of())))
                .containsExactly(pastYear);
        assertThat(SystemAccess.call(() -> registerFigures.enrollmentYearsOf(late, Set.of(pastYear))))
                .isEmpty();
    }

    /**
     * Issue 18 (a province): an import made for one county refreshes that county and the sums above it, and the
     * county of every resident it changed (an insurance extract enrols residents registered elsewhere), not every
     * county; the rows are those the whole table's recompute writes.
     */
    @Test
    void anImportIntoOneCountyRefreshesItsCountiesAndTheSumsAboveAsTheWholeTableWould() {
        int year = 2077;
        String county = "350566000000";
        String village = "350566100201";
        SystemAccess.call(() -> regions.createMissing(java.util.List.of(
                cn.canbao.region.NewRegion.region(county, "基线测试县", RegionLevel.COUNTY, "350500000000", null, true),
                cn.canbao.region.NewRegion.region("350566100000", "基线测试镇", RegionLevel.TOWNSHIP, county, null, true),
                cn.canbao.region.NewRegion.region(village, "基线测试村", RegionLevel.VILLAGE, "350566100000", null, true),
                cn.canbao.region.NewRegion.region(
                        "350567000000", "基线邻县", RegionLevel.COUNTY, "350500000000", null, true))));
        security.ensureUser("clerk.baseline66", county, Role.CLERK);
        security.ensureUser("clerk.baseline", "350525000000", Role.CLERK);
        String yongchunVillage = SystemAccess.call(
                        () -> regions.descendantsAtLevel(OTHER_TOWNSHIP, RegionLevel.VILLAGE))
                .get(2)
                .code();
        String local = TestIds.id("350566", LocalDate.of(1962, 3, 1), 911);
        String other = TestIds.id("350566", LocalDate.of(1962, 3, 2), 913);
        // registered in Yongchun, living in the county: its insurance extract enrols them
        String registeredInYongchun = TestIds.id("350525", LocalDate.of(1962, 3, 3), 915);
        importer.register(
                "clerk.baseline",
                PoliceExtract.registeredOn("2000-01-01")
                        .inVillage(registeredInYongchun, "己", yongchunVillage, village));
        importer.register(
                "clerk.baseline66",
                PoliceExtract.registeredOn("2000-01-01")
                        .inVillage(local, "庚", village)
                        .inVillage(other, "辛", village));
        // every county has its row of the year: from now on an import refreshes only its own counties
        SystemAccess.call(() -> baseline.refresh(year));
        String untouched = "350567000000";
        var before = jdbc.queryForObject(
                "select refreshed_at from baseline where year = ? and region_code = ?",
                java.sql.Timestamp.class,
                year,
                untouched);
        var provinceBefore = jdbc.queryForObject(
                "select refreshed_at from baseline where year = ? and region_code = ?",
                java.sql.Timestamp.class,
                year,
                "350000000000");

        importer.importAs(
                "clerk.baseline66",
                ExtractKind.INSURANCE_STATUS,
                "baseline-66-insured.csv",
                ExtractHeaders.INSURANCE_WITH_REGION + local + ",庚," + year + ",居民,本地,\n" + registeredInYongchun + ",己,"
                        + year + ",居民,本地,\n");

        // a resident registered in Yongchun who lives in the county (人户分离) counts where registered; the county of
        // the import too
        assertThat(jdbc.queryForMap(
                        "select registered, insured_local from baseline where year = ? and region_code = ?",
                        year,
                        yongchunVillage))
                .containsEntry("registered", 1)
                .containsEntry("insured_local", 1);
        assertThat(jdbc.queryForMap(
                        "select registered, insured_local from baseline where year = ? and region_code = ?",
                        year,
                        village))
                .containsEntry("registered", 2)
                .containsEntry("insured_local", 1);
        // a county it did not change was left alone, the province above was summed again
        assertThat(jdbc.queryForObject(
                        "select refreshed_at from baseline where year = ? and region_code = ?",
                        java.sql.Timestamp.class,
                        year,
                        untouched))
                .isEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "select refreshed_at from baseline where year = ? and region_code = ?",
                        java.sql.Timestamp.class,
                        year,
                        "350000000000"))
                .isAfter(provinceBefore);
        // and every row is what the whole table's recompute writes
        String rows =
                "select region_code, registered, insured_local, insured_elsewhere, lapsed, in_custody from baseline "
                        + "where year = ? order by region_code";
        String groups = "select region_code, grp, registered, enrolled from baseline_group where year = ? "
                + "order by region_code, grp";
        var scoped = jdbc.queryForList(rows, year);
        var scopedGroups = jdbc.queryForList(groups, year);
        SystemAccess.call(() -> baseline.refresh(year));
        assertThat(scoped).isEqualTo(jdbc.queryForList(rows, year));
        assertThat(scopedGroups).isEqualTo(jdbc.queryForList(groups, year));
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
            jdbc.update(
                    "insert into enrollment (id_number, year, scheme, place) values (?, ?, 'RESIDENT', 'LOCAL') "
                            + "on conflict do nothing",
                    person,
                    latest);
            scheduler.triggerJob(JobKey.jobKey(BaselineRefreshJob.Schedule.NAME, "target"));
            await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() ->
                            jdbc.queryForObject("select count(*) from baseline where year = ?", Integer.class, latest)
                                    > 0);
        } finally {
            jdbc.update("delete from enrollment where id_number = ? and year = ?", person, latest);
            jdbc.update("delete from baseline_group where year = ?", latest);
            jdbc.update("delete from baseline where year = ?", latest);
        }
    }
}
