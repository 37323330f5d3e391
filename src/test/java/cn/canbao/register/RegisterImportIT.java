package cn.canbao.register;

import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Police registrations and insurance status merged into the register on real PostgreSQL: exact
 * accepted/rejected counts for a file with known defects, idempotent re-imports, the change log,
 * deaths ending outreach eligibility, moves changing the residence, and scoping of a township clerk.
 */
@CanbaoIntegrationTest
@AsSystem
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class RegisterImportIT extends IntegrationTestBase {

    @Autowired
    ImportService imports;

    @Autowired
    RegisterService register;

    String v1;
    String v2;
    String v3;
    String g1;
    String g3;
    String dongpingVillage;
    final String p1 = TestIds.id("350525", LocalDate.of(1980, 5, 17), 11);
    final String p2 = TestIds.id("350525", LocalDate.of(1992, 11, 3), 22);
    final String p3 = TestIds.id("350525", LocalDate.of(2023, 3, 9), 31);
    final String dp = TestIds.id("350525", LocalDate.of(1975, 1, 30), 41);

    @BeforeAll
    void regionsAndClerks() {
        v1 = firstBelow(TAOCHENG, RegionLevel.VILLAGE);
        v2 = below(TAOCHENG, RegionLevel.VILLAGE, 1);
        v3 = below(TAOCHENG, RegionLevel.VILLAGE, 2);
        g1 = firstBelow(v1, RegionLevel.GRID);
        g3 = firstBelow(v3, RegionLevel.GRID);
        dongpingVillage = firstBelow(DONGPING, RegionLevel.VILLAGE);
        security.ensureUser("clerk.reg.taocheng", TAOCHENG, Role.CLERK);
        security.ensureUser("clerk.reg.county", "350525000000", Role.CLERK);
    }

    @Test
    void aFileWithKnownDefectsIsCountedExactlyAndReimportingChangesNothing() {
        String file = ExtractHeaders.POLICE_FULL
                + p1 + ",陈志明,在册,2001-05-17," + v1 + "," + v1 + "," + g1 + ",桃城镇1号,13905951234\n"
                + p2 + ",林秀英,REGISTERED,2010/01/02," + v2 + ",,,,\n"
                + p3 + ",黄小宝,出生,20230309," + v1 + "," + v1 + ",,,," + p2 + "\n"
                + p1.substring(0, 17) + wrongCheck(p1) + ",错校验,在册,2001-01-01," + v1 + ",,,,\n"
                + "350525800517001,旧号码,在册,2001-01-01," + v1 + ",,,,\n"
                + TestIds.id("350525", LocalDate.of(1990, 1, 1), 51) + ",坏日期,在册,2001-13-45," + v1 + ",,,,\n"
                + TestIds.id("350525", LocalDate.of(1990, 1, 2), 61) + ",坏手机,在册,2001-01-01," + v1 + ",,,,1234\n"
                + TestIds.id("350525", LocalDate.of(1990, 1, 3), 71) + ",无此村,在册,2001-01-01,350525101999,,,,\n"
                + dp + ",外镇人,在册,2001-01-01," + dongpingVillage + ",,,,\n"
                + TestIds.id("350525", LocalDate.of(1950, 1, 4), 81) + ",查无此人,死亡,2023-02-01,,,,,\n"
                + "\n"
                + TestIds.id("350525", LocalDate.of(1990, 1, 5), 91) + ",,在册,2001-01-01," + v1 + ",,,,\n";

        ImportRun first = importAs("clerk.reg.taocheng", ExtractKind.POLICE_HOUSEHOLD, "police.csv", file);
        assertThat(first.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(first.format()).isEqualTo("CSV_UTF8");
        assertThat(first.rowsRead()).isEqualTo(11);
        assertThat(first.rowsAccepted()).isEqualTo(3);
        assertThat(first.rowsRejected()).isEqualTo(8);
        assertThat(first.personsChanged()).isEqualTo(3);
        assertThat(importer.rejectReasons(first.id()))
                .containsExactly(
                        Map.entry(5L, "register.reject.id.checkCharacter"),
                                Map.entry(6L, "register.reject.id.old15Digits"),
                        Map.entry(7L, "register.reject.date"), Map.entry(8L, "register.reject.mobile"),
                        Map.entry(9L, "register.reject.unknownHouseholdRegion"),
                                Map.entry(10L, "register.reject.outOfScope"),
                        Map.entry(11L, "register.reject.unknownPerson"), Map.entry(13L, "register.reject.required"));
        // the unknown code as written, with its column; the other township's village by its township and village name
        assertThat(reasonArgs(first.id(), 9L)).containsExactly("户籍地区划", "350525101999");
        assertThat(reasonArgs(first.id(), 10L)).containsExactly(villageLabel(dongpingVillage));

        Map<String, Object> person = jdbc.queryForMap("select * from person where id_number = ?", p1);
        assertThat(person)
                .containsEntry("name", "陈志明")
                .containsEntry("household_region", v1)
                .containsEntry("grid_code", g1)
                .containsEntry("mobile", "13905951234")
                .containsEntry("sex", "M")
                .containsEntry("status", "ACTIVE");
        assertThat(jdbc.queryForObject("select birth_date from person where id_number = ?", LocalDate.class, p3))
                .isEqualTo(LocalDate.of(2023, 3, 9));
        assertThat(jdbc.queryForObject("select count(*) from person where id_number = ?", Integer.class, dp))
                .isZero();

        String csv = security.as("clerk.reg.taocheng", () -> {
            StringWriter out = new StringWriter();
            imports.writeRejects(first.id(), out, Locale.SIMPLIFIED_CHINESE);
            return out.toString();
        });
        assertThat(csv)
                .contains("行号,原因,列,值,原始数据", "校验位错误", "15位旧号码", "不在您的管辖范围内", "不在户籍登记中", "缺少“姓名”", dp + ",外镇人")
                .hasLineCount(9);

        ImportRun again = security.as("clerk.reg.taocheng", () -> imports.rerun(first.id()));
        ImportRun second = awaitFinished("clerk.reg.taocheng", again.id());
        assertThat(second.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(second.rowsRejected()).isEqualTo(8);
        assertThat(second.personsChanged()).isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from person_change where import_id = ?", Integer.class, second.id()))
                .isZero();
    }

    @Test
    void movesChangeTheResidenceDeathsEndOutreachAndInsuranceIsMatchedByIdNumber() {
        String a = TestIds.id("350525", LocalDate.of(1966, 7, 1), 13);
        String b = TestIds.id("350525", LocalDate.of(1988, 2, 2), 24);
        police(
                "clerk.reg.county",
                "base.csv",
                a + ",郑国强,在册,1990-01-01," + v1 + "," + v1 + ",,,\n" + b + ",许丽华,在册,1990-01-01," + v2
                        + ",,,,13800000001\n");
        assertThat(register.eligibleForOutreach(a, 2023)).isTrue();

        ImportRun events = police(
                "clerk.reg.county",
                "events.csv",
                b + ",许丽华,迁移,2023-04-01," + v3 + "," + v3 + "," + g3 + ",新址8号,\n" + a + ",郑国强,死亡,2023-05-06,,,,,\n");
        assertThat(events.rowsRejected()).isZero();
        assertThat(events.personsChanged()).isEqualTo(2);
        assertThat(jdbc.queryForMap(
                        "select household_region, residence_region, grid_code, address, mobile "
                                + "from person where id_number = ?",
                        b))
                .containsEntry("household_region", v3)
                .containsEntry("residence_region", v3)
                .containsEntry("grid_code", g3)
                .containsEntry("address", "新址8号")
                .containsEntry("mobile", "13800000001");
        assertThat(changes(events.id(), b))
                .containsExactlyInAnyOrder(
                        List.of("household_region", v2, v3), List.of("residence_region", "", v3),
                        List.of("grid_code", "", g3), List.of("address", "", "新址8号"));
        assertThat(changes(events.id(), a)).containsExactly(List.of("status", "ACTIVE", "DECEASED 2023-05-06"));
        assertThat(register.eligibleForOutreach(a, 2023)).isFalse();
        assertThat(register.eligibleForOutreach(b, 2023)).isTrue();

        String unknown = TestIds.id("350583", LocalDate.of(1970, 3, 3), 35);
        ImportRun insured = importAs(
                "clerk.reg.county",
                ExtractKind.INSURANCE_STATUS,
                "insured.csv",
                ExtractHeaders.INSURANCE_PAID
                        + b + ",许丽华,2023,居民,本地,,2022-12-20,380\n"
                        + b + ",许丽华,2023,RESIDENT,LOCAL,,2022-12-21,380.00\n"
                        + b + ",许丽华,2023,职工,异地,350583,,\n"
                        + unknown + ",外地人,2023,居民,本地,,2022-12-20,380\n");
        assertThat(insured.rowsRead()).isEqualTo(4);
        assertThat(insured.rowsRejected()).isEqualTo(2);
        assertThat(importer.rejectReasons(insured.id()))
                .containsExactly(
                        Map.entry(2L, "register.reject.duplicateRow"), Map.entry(5L, "register.reject.unknownPerson"));
        assertThat(jdbc.queryForList(
                        "select scheme || ' ' || place || ' ' || coalesce(paid_date::text, '-') "
                                + "from enrollment where id_number = ? order by scheme",
                        String.class,
                        b))
                .containsExactly("EMPLOYEE ELSEWHERE -", "RESIDENT LOCAL 2022-12-21");
        assertThat(register.eligibleForOutreach(b, 2023)).isFalse();
        assertThat(register.eligibleForOutreach(b, 2024)).isTrue();
    }

    @Test
    void aTownshipClerkCannotImportIntoAnotherTownshipOrSeeItsImports() {
        String other = TestIds.id("350525", LocalDate.of(1979, 9, 9), 57);
        ImportRun county =
                police("clerk.reg.county", "dongping.csv", other + ",东平人,在册,1999-01-01," + dongpingVillage + ",,,,\n");
        assertThat(county.rowsAccepted()).isEqualTo(1);

        ImportRun death = police("clerk.reg.taocheng", "death.csv", other + ",东平人,死亡,2023-06-01,,,,,\n");
        assertThat(death.rowsRejected()).isEqualTo(1);
        assertThat(importer.rejectReasons(death.id()))
                .containsExactly(Map.entry(2L, "register.reject.personOutOfScope"));
        assertThat(reasonArgs(death.id(), 2L)).containsExactly(villageLabel(dongpingVillage));
        assertThat(jdbc.queryForObject("select status from person where id_number = ?", String.class, other))
                .isEqualTo("ACTIVE");
        security.as("clerk.reg.taocheng", () -> {
            assertThat(imports.recent(100)).extracting(ImportRun::id).doesNotContain(county.id());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> imports.get(county.id()))
                    .isInstanceOf(RegisterException.class);
        });
    }

    @Test
    void anImportLeftRunningByANodeThatIsGoneIsMarkedFailedAndRunsAgain() {
        String person = TestIds.id("350525", LocalDate.of(1988, 8, 18), 95);
        ImportRun done = police("clerk.reg.county", "crash.csv", person + ",苏晓东,在册,2000-01-01," + v2 + ",,,,\n");
        // what a crash leaves: the run still RUNNING, owned by a node that no longer checks in, nothing merged
        jdbc.update(
                "update import_run set status = 'RUNNING', node = 'node-that-died', finished_at = null, "
                        + "applied_at = null where id = ?",
                done.id());
        jdbc.update("delete from person where id_number = ?", person);
        ImportRun orphan = security.as("clerk.reg.county", () -> imports.get(done.id()));
        assertThat(orphan.status()).isEqualTo(ImportRun.Status.FAILED);
        assertThat(orphan.errorKey()).isEqualTo("register.import.interrupted");
        assertThat(imports.errorText(orphan, Locale.SIMPLIFIED_CHINESE)).contains("导入被中断", "可重新导入");

        ImportRun again = security.as("clerk.reg.county", () -> imports.rerun(done.id()));
        ImportRun rerun = awaitFinished("clerk.reg.county", again.id());
        assertThat(rerun.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(rerun.rerunOf()).isEqualTo(done.id());
        assertThat(jdbc.queryForObject("select name from person where id_number = ?", String.class, person))
                .isEqualTo("苏晓东");
    }

    @Test
    void anImportWhoseNodeDiedAfterItsCommitStandsAndSaysSo() {
        String person = TestIds.id("350525", LocalDate.of(1987, 7, 17), 93);
        ImportRun done = police("clerk.reg.county", "late-crash.csv", person + ",苏晓南,在册,2000-01-01," + v2 + ",,,,\n");
        assertThat(jdbc.queryForObject(
                        "select applied_at is not null from import_run where id = ?", Boolean.class, done.id()))
                .as("the commit marks the run applied")
                .isTrue();
        // what a crash after the commit leaves: the data written and marked, the run still RUNNING on a dead node
        jdbc.update(
                "update import_run set status = 'RUNNING', phase = 'COVERAGE', node = 'node-that-died', "
                        + "finished_at = null where id = ?",
                done.id());
        ImportRun orphan = security.as("clerk.reg.county", () -> imports.get(done.id()));
        assertThat(orphan.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(orphan.phase()).isNull();
        assertThat(orphan.rowsAccepted()).isEqualTo(1);
        assertThat(imports.errorText(orphan, Locale.SIMPLIFIED_CHINESE))
                .as("it did not fail")
                .isNull();
        assertThat(security.as("clerk.reg.county", () -> imports.summary(orphan, Locale.SIMPLIFIED_CHINESE)))
                .first()
                .asString()
                .contains("已全部写入", "无需重新导入");
        assertThat(jdbc.queryForObject("select name from person where id_number = ?", String.class, person))
                .isEqualTo("苏晓南");
    }

    @Test
    void aFileWithoutRequiredColumnsFailsWithTheirNames() {
        ImportRun run =
                importAs("clerk.reg.county", ExtractKind.POLICE_HOUSEHOLD, "wrong.csv", "身份证号,姓名\n" + p1 + ",陈志明\n");
        assertThat(run.status()).isEqualTo(ImportRun.Status.FAILED);
        assertThat(run.errorKey()).isEqualTo("register.import.missingColumns");
        assertThat(imports.errorText(run, Locale.SIMPLIFIED_CHINESE)).contains("变动类型", "变动日期");
    }

    private ImportRun importAs(String user, ExtractKind kind, String name, String content) {
        return importer.importAs(user, kind, name, content);
    }

    /** Imports police household rows (under the full header) as the user. */
    private ImportRun police(String user, String name, String rows) {
        return importAs(user, ExtractKind.POLICE_HOUSEHOLD, name, ExtractHeaders.POLICE_FULL + rows);
    }

    private ImportRun awaitFinished(String user, long id) {
        return importer.awaitFinished(user, id);
    }

    private List<String> reasonArgs(long importId, long row) {
        return List.of(jdbc.queryForObject(
                "select reason_args from import_reject where import_id = ? " + "and row_number = ?",
                (rs, n) -> (String[]) rs.getArray(1).getArray(),
                importId,
                row));
    }

    /** Township and village name, as people write a village (桃城镇丰山村). */
    private String villageLabel(String village) {
        return SystemAccess.call(() -> {
            var v = regions.get(village);
            return regions.get(v.parentCode()).name() + v.name();
        });
    }

    private List<List<String>> changes(long importId, String id) {
        return jdbc.query(
                "select field, coalesce(old_value, ''), coalesce(new_value, '') from person_change "
                        + "where import_id = ? and id_number = ?",
                (rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
                importId,
                id);
    }

    private static char wrongCheck(String id) {
        return id.charAt(17) == '1' ? '2' : '1';
    }
}
