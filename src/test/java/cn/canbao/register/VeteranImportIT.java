package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The veterans' extract (退役军人事务): the day a soldier left active service and the unemployed spouse who
 * accompanied them, so the waiting-period exemption "当年退出现役军人及其随军未就业配偶" comes from data. Rows of
 * unknown persons or with an invalid spouse ID are rejected with their reason; nothing else changes.
 */
@CanbaoIntegrationTest
class VeteranImportIT extends IntegrationTestBase {

    @Test
    void theDayOfLeavingServiceAndTheAccompanyingSpouseAreRecorded() {
        security.ensureUser("clerk.veterans", "350525000000", Role.CLERK);
        String village = firstBelow("350525105000", RegionLevel.VILLAGE);
        String soldier = TestIds.id("350525", LocalDate.of(1995, 5, 5), 731);
        String spouse = TestIds.id("350525", LocalDate.of(1996, 6, 6), 742);
        String unregisteredSpouse = TestIds.id("350525", LocalDate.of(1997, 7, 7), 752);
        String secondSoldier = TestIds.id("350525", LocalDate.of(1993, 3, 3), 733);
        String unknown = TestIds.id("350525", LocalDate.of(1990, 1, 1), 735);
        importer.register(
                "clerk.veterans",
                PoliceExtract.registeredOn("2001-01-01")
                        .inVillage(soldier, "吴卫国", village)
                        .inVillage(spouse, "陈秀兰", village)
                        .inVillage(secondSoldier, "吴建军", village));
        ImportRun run = importer.importAs(
                "clerk.veterans",
                ExtractKind.VETERAN,
                "veterans.csv",
                ("身份证号,姓名,退出现役日期,随军未就业配偶身份证号\n"
                                + soldier + ",吴卫国,2027-03-15," + spouse + "\n"
                                + secondSoldier + ",吴建军,2026-09-01," + unregisteredSpouse + "\n"
                                + unknown + ",无此人,2027-01-01,\n"
                                + soldier.substring(0, 17) + "0,吴卫国,2027-03-15,\n"
                                + secondSoldier + ",吴建军,2026-09-01,12345\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(run.rowsRead()).isEqualTo(5);
        assertThat(run.rowsAccepted()).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select reason_key from import_reject where import_id = ? order by row_number",
                        String.class,
                        run.id()))
                .hasSize(3);
        assertThat(jdbc.queryForList(
                        "select id_number || ' ' || grp || ' ' || since from person_group "
                                + "where id_number in (?, ?, ?, ?) and grp in ('VETERAN', 'MILITARY_SPOUSE') order by 1",
                        String.class,
                        soldier,
                        spouse,
                        secondSoldier,
                        unregisteredSpouse))
                .containsExactlyInAnyOrder(
                        soldier + " VETERAN 2027-03-15",
                        spouse + " MILITARY_SPOUSE 2027-03-15",
                        secondSoldier + " VETERAN 2026-09-01");
        // the same extract again changes nothing
        importer.importAs(
                "clerk.veterans",
                ExtractKind.VETERAN,
                "veterans-again.csv",
                ("身份证号,姓名,退出现役日期,随军未就业配偶身份证号\n" + soldier + ",吴卫国,2027-03-15," + spouse + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(jdbc.queryForObject(
                        "select count(*) from person_group where id_number in (?, ?) "
                                + "and grp in ('VETERAN', 'MILITARY_SPOUSE')",
                        Integer.class,
                        soldier,
                        spouse))
                .isEqualTo(2);
    }
}
