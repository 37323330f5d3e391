package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a bulk extract (50,000 rows or more) leaves its tables analysed — and the enrollments' visibility map set —
 * before its listeners aggregate them, in the import's own run (VACUUM outside any transaction), not minutes later
 * when autovacuum comes by.
 */
@CanbaoIntegrationTest
class BulkImportMaintenanceIT extends IntegrationTestBase {

    private static final String COUNTY = "350568000000";
    private static final String VILLAGE = "350568100201";
    private static final int PERSONS = 50_000;

    @Test
    void aBulkImportAnalysesItsTablesAndVacuumsTheEnrollmentsBeforeItsListenersRun() {
        SystemAccess.call(() -> regions.createMissing(List.of(
                NewRegion.region(COUNTY, "批量维护县", RegionLevel.COUNTY, "350500000000", null, true),
                NewRegion.region("350568100000", "批量维护镇", RegionLevel.TOWNSHIP, COUNTY, null, true),
                NewRegion.region(VILLAGE, "批量维护村", RegionLevel.VILLAGE, "350568100000", null, true))));
        String clerk = security.ensureUser("clerk.bulk", COUNTY, Role.CLERK);
        StringBuilder police = new StringBuilder(ExtractHeaders.POLICE_BASIC);
        StringBuilder insured = new StringBuilder(ExtractHeaders.INSURANCE_WITH_REGION);
        LocalDate first = LocalDate.of(1950, 1, 1);
        for (int i = 0; i < PERSONS; i++) {
            String id = TestIds.id("350568", first.plusDays(i / 400), 1 + 2 * (i % 400));
            police.append(id)
                    .append(",批")
                    .append(i % 7)
                    .append(",在册,2000-01-01,")
                    .append(VILLAGE)
                    .append('\n');
            insured.append(id).append(",批").append(i % 7).append(",2024,居民,本地,\n");
        }
        Timestamp before = jdbc.queryForObject("select now()", Timestamp.class);

        importsEveryRow(clerk, ExtractKind.POLICE_HOUSEHOLD, "bulk-police.csv", police);
        assertThat(lastAnalyse("person")).isAfter(before);

        Timestamp between = jdbc.queryForObject("select now()", Timestamp.class);
        importsEveryRow(clerk, ExtractKind.INSURANCE_STATUS, "bulk-insured.csv", insured);
        assertThat(jdbc.queryForObject(
                        "select last_vacuum from pg_stat_user_tables where relname = 'enrollment'", Timestamp.class))
                .isAfter(between);
        assertThat(lastAnalyse("enrollment")).isAfter(between);
        assertThat(lastAnalyse("person_change")).isAfter(between);
        // and the baseline its listener wrote counts them all
        assertThat(jdbc.queryForMap(
                        "select registered, insured_local from baseline where year = 2024 and region_code = ?",
                        VILLAGE))
                .containsEntry("registered", PERSONS)
                .containsEntry("insured_local", PERSONS);
    }

    private void importsEveryRow(String clerk, ExtractKind kind, String name, StringBuilder csv) {
        ImportRun run = importer.importAs(clerk, kind, name, csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(run.status()).as(name).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(run.rowsAccepted()).as(name).isEqualTo(PERSONS);
    }

    private Timestamp lastAnalyse(String table) {
        return jdbc.queryForObject(
                "select last_analyze from pg_stat_user_tables " + "where relname = ?", Timestamp.class, table);
    }
}
