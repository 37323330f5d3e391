package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.TestCounty;
import cn.canbao.register.transfers.HouseholdTransferService;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In-province household transfers (省内户籍转换, issue 16): a person moving into another county of the province keeps
 * the one file — ID number, file number, enrollments and payments — and the move is recorded: across the counties'
 * edge as a transfer request the old county decides (the existing household transfer), and with 迁出地区划 in the
 * change log when a county receives someone the province's register did not hold yet.
 */
@CanbaoIntegrationTest
@AsSystem
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InProvinceTransferIT extends IntegrationTestBase {

    static final TestCounty AREA = new TestCounty("350587");
    static final String COUNTY = AREA.code();
    static final String VILLAGE = AREA.village(1, 1);
    static final String GRID = AREA.grid(1, 1);
    static final String POLICE = "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,迁出地区划\n";

    @Autowired
    HouseholdTransferService transfers;

    final String mover = TestIds.id("350525", LocalDate.of(1985, 9, 9), 751);
    final String newcomer = TestIds.id("350599", LocalDate.of(1986, 10, 10), 753);
    final String fromAfar = TestIds.id("440106", LocalDate.of(1987, 11, 11), 755);
    String yongchunVillage;

    @BeforeAll
    void counties() {
        AREA.create(regions, "省内迁移测试县", new TestCounty.Township("迁入镇", "迁入村"));
        security.ensureUser("clerk.yongchun.move", "350525000000", Role.CLERK);
        security.ensureUser("clerk.movein", COUNTY, Role.CLERK);
        List<cn.canbao.region.Region> villages =
                SystemAccess.call(() -> regions.descendantsAtLevel("350525113000", RegionLevel.VILLAGE));
        yongchunVillage = villages.get(villages.size() - 1).code();
        importer.importAs(
                "clerk.yongchun.move",
                ExtractKind.POLICE_HOUSEHOLD,
                "yongchun.csv",
                POLICE + mover + ",陈迁移,在册,2005-01-01," + yongchunVillage + "," + yongchunVillage + ",,\n");
        importer.importAs(
                "clerk.yongchun.move",
                ExtractKind.INSURANCE_STATUS,
                "insured.csv",
                "身份证号,姓名,参保年度,险种,参保地,缴费日期,缴费金额\n"
                        + mover + ",陈迁移,2024,居民,本地,2023-11-01,380\n"
                        + mover + ",陈迁移,2025,居民,本地,2024-11-01,400\n");
    }

    @Test
    void aMoveToAnotherCountyOfTheProvinceKeepsTheFileAndItsHistory() {
        String fileNumber =
                jdbc.queryForObject("select file_number from person where id_number = ?", String.class, mover);
        // the receiving county's extract: the move crosses its edge, so the old county decides
        ImportRun moveIn = importer.importAs(
                "clerk.movein",
                ExtractKind.POLICE_HOUSEHOLD,
                "move-in.csv",
                POLICE
                        + mover + ",陈迁移,迁移,2026-03-01," + VILLAGE + "," + VILLAGE + "," + GRID + "," + yongchunVillage
                        + "\n"
                        + newcomer + ",林迁入,迁入,2026-03-02," + VILLAGE + "," + VILLAGE + "," + GRID + ",350599\n"
                        + fromAfar + ",黄外省,迁入,2026-03-03," + VILLAGE + "," + VILLAGE + "," + GRID + ",440106\n"
                        + TestIds.id("350599", LocalDate.of(1988, 1, 1), 757) + ",错代码,迁入,2026-03-03," + VILLAGE
                        + ",,,3505\n");
        assertThat(moveIn.rowsTransferRequested()).isEqualTo(1);
        assertThat(moveIn.rowsAccepted()).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select reason_key from import_reject where import_id = ?", String.class, moveIn.id()))
                .containsExactly("register.reject.regionCode");
        long request = jdbc.queryForObject(
                "select id from household_transfer where id_number = ? and status = 'PENDING'", Long.class, mover);
        security.as("clerk.yongchun.move", () -> transfers.approve(request, "核实为省内迁移"));

        // one file: same ID number and file number, its enrollments where they were, now registered in the new county
        assertThat(jdbc.queryForMap(
                        "select household_region, grid_code, file_number from person where id_number = ?", mover))
                .containsEntry("household_region", VILLAGE)
                .containsEntry("grid_code", GRID)
                .containsEntry("file_number", fileNumber);
        assertThat(jdbc.queryForList(
                        "select year || ' ' || amount from enrollment where id_number = ? order by year",
                        String.class,
                        mover))
                .containsExactly("2024 380.00", "2025 400.00");
        assertThat(jdbc.queryForObject(
                        "select old_value || ' → ' || new_value from person_change where id_number = ? "
                                + "and field = 'household_region'",
                        String.class,
                        mover))
                .isEqualTo(yongchunVillage + " → " + VILLAGE);

        // newcomers the province's register did not hold: a file made by the move, with where they came from
        assertThat(jdbc.queryForList(
                        "select p.file_type || ' ' || c.new_value from person p join person_change c "
                                + "using (id_number) where c.field = 'moved_from' and p.id_number in (?, ?) order by p.id_number",
                        String.class,
                        newcomer,
                        fromAfar))
                .containsExactly("MOVED_IN 350599000000 IN_PROVINCE", "MOVED_IN 440106000000 OTHER_PROVINCE");
        assertThat(jdbc.queryForObject(
                        "select left(file_number, 8) from person where id_number = ?", String.class, newcomer))
                .isEqualTo("DA350587");
    }
}
