package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.TestCounty;
import cn.canbao.register.imports.ImportMappings;
import cn.canbao.register.imports.ImportPreview;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Snapshot extracts (issue 17, point 4): a police list without 变动类型/变动日期 imports as the register as of the day the
 * clerk gives — everyone listed registered, the new ones created, the known ones updated — and who the register holds
 * in the listed villages but the list does not is reported as a candidate move-out, never changed.
 */
@CanbaoIntegrationTest
class SnapshotImportIT extends IntegrationTestBase {

    static final TestCounty AREA = new TestCounty("350591");
    static final String COUNTY = AREA.code();
    static final String VILLAGE = AREA.village(1, 1);
    static final String CLERK = "clerk.snapshot";

    @Autowired
    ImportService imports;

    @Autowired
    ImportMappings mappings;

    @Test
    void aFullListImportsAsTheRegisterOfItsDayAndReportsWhoItLacks() {
        AREA.createWithoutGrids(regions, "名单测试县", new TestCounty.Township("庚镇", "庚一村"));
        security.ensureUser(CLERK, COUNTY, Role.CLERK);
        String a = TestIds.id("350591", LocalDate.of(1970, 1, 1), 11);
        String b = TestIds.id("350591", LocalDate.of(1971, 2, 2), 22);
        String c = TestIds.id("350591", LocalDate.of(1972, 3, 3), 33);
        String d = TestIds.id("350591", LocalDate.of(1973, 4, 4), 44);
        importer.register(
                CLERK,
                PoliceExtract.registeredOn("2020-01-01")
                        .inVillage(a, "甲", VILLAGE)
                        .inVillage(b, "乙", VILLAGE)
                        .inVillage(c, "丙", VILLAGE));

        String list = "身份证号,姓名,户籍地区划,手机号\n" + a + ",甲," + VILLAGE + ",13800135911\n" + b + ",乙," + VILLAGE + ",\n" + d
                + ",丁," + VILLAGE + ",\n";
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        // without the day, the list lacks the change columns; with it, nothing is missing
        ImportPreview events = security.as(
                CLERK,
                () -> mappings.preview(ExtractKind.POLICE_HOUSEHOLD, "list.csv", stream(list), ImportOptions.DEFAULT));
        assertThat(events.missing()).containsExactly("变动类型(event)", "变动日期(event_date)");
        ImportPreview snapshot = security.as(
                CLERK,
                () -> mappings.preview(
                        ExtractKind.POLICE_HOUSEHOLD,
                        "list.csv",
                        stream(list),
                        ImportOptions.DEFAULT.asSnapshotOf(asOf)));
        assertThat(snapshot.missing()).isEmpty();

        ImportRun run = importer.awaitFinished(
                CLERK,
                security.as(
                                CLERK,
                                () -> imports.start(
                                        ExtractKind.POLICE_HOUSEHOLD,
                                        "list.csv",
                                        stream(list),
                                        ImportOptions.DEFAULT.asSnapshotOf(asOf)))
                        .id());
        assertThat(run.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(run.snapshotAsOf()).isEqualTo(asOf);
        assertThat(run.rowsAccepted()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select mobile from person where id_number = ?", String.class, a))
                .isEqualTo("13800135911");
        assertThat(jdbc.queryForObject("select name || ' ' || status from person where id_number = ?", String.class, d))
                .isEqualTo("丁 ACTIVE");
        // 丙 is not in the list: reported, not changed
        assertThat(run.snapshotAbsent()).isEqualTo(1);
        assertThat(security.as(CLERK, () -> imports.absentees(run.id(), 10)))
                .containsExactly(new ImportService.Absentee(IdNumber.mask(c), "丙", VILLAGE));
        assertThat(jdbc.queryForObject("select status from person where id_number = ?", String.class, c))
                .isEqualTo("ACTIVE");

        // only police lists are snapshots
        assertThatThrownBy(() -> security.as(
                        CLERK,
                        () -> imports.start(
                                ExtractKind.INSURANCE_STATUS,
                                "x.csv",
                                stream("身份证号\n"),
                                ImportOptions.DEFAULT.asSnapshotOf(asOf))))
                .isInstanceOf(RegisterException.class)
                .hasMessageContaining("register.import.snapshotPoliceOnly");
    }

    private static ByteArrayInputStream stream(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }
}
