package cn.canbao.register;

import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.duplicates.DuplicateService;
import cn.canbao.register.imports.RejectReason;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A police extract with 性别 and 出生日期 columns, exact and conflicting repeats of one ID number and the usual
 * defects, on real PostgreSQL: each reject names its reason, column and (masked) value; an exact repeat is counted
 * apart; one ID number under two names is held for a clerk and changes nothing in the register until the clerk
 * applies one row (imported again on its own) or none.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InFileConflictImportIT extends IntegrationTestBase {

    static final String CLERK = "clerk.conflict.taocheng";
    static final String HEADER = "身份证号,姓名,性别,出生日期,变动类型,变动日期,户籍地区划,常住地区划,网格编码,住址\n";

    @Autowired
    ImportService imports;

    @Autowired
    DuplicateService duplicates;

    String v1;
    String g1;
    final String known = TestIds.id("350525", LocalDate.of(1981, 3, 4), 13);
    final String newcomer = TestIds.id("350525", LocalDate.of(1993, 6, 7), 24);
    final String man = TestIds.id("350525", LocalDate.of(1970, 1, 2), 35);
    final String born = TestIds.id("350525", LocalDate.of(1972, 2, 3), 46);
    final String elsewhere = TestIds.id("350525", LocalDate.of(1974, 3, 4), 57);
    final String gridless = TestIds.id("350525", LocalDate.of(1976, 4, 5), 68);
    final String wide = TestIds.id("350525", LocalDate.of(1978, 5, 6), 79);
    final String good = TestIds.id("350525", LocalDate.of(1980, 6, 7), 81);
    final String twice = TestIds.id("350525", LocalDate.of(1982, 7, 8), 92);

    @BeforeAll
    void villageAndClerk() {
        v1 = firstBelow(TAOCHENG, RegionLevel.VILLAGE);
        g1 = firstBelow(v1, RegionLevel.GRID);
        security.ensureUser(CLERK, TAOCHENG, Role.CLERK);
    }

    @Test
    void crossChecksAndRepeatsAreReportedAndAConflictIsHeldUntilAClerkDecides() {
        ImportRun base = importer.importAs(
                CLERK,
                ExtractKind.POLICE_HOUSEHOLD,
                "base.csv",
                HEADER + known + ",陈志明,男,1981-03-04,在册,2001-01-01," + v1 + "," + v1 + "," + g1 + ",旧址1号\n");
        assertThat(base.rowsAccepted()).isEqualTo(1);

        String wrongCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        String fullWidth = toFullWidth(wide.substring(0, 17)) + wide.charAt(17);
        String file = HEADER
                + known + ",陈志明,男,1981-03-04,在册,2024-01-01," + v1 + "," + v1 + "," + g1 + ",新址2号\n" // 2
                + known + ",陈志明,男,1981-03-04,在册,2024-01-01," + v1 + "," + v1 + "," + g1 + ",新址2号\n" // 3 exact
                + known + ",陈智明,男,1981-03-04,在册,2024-02-01," + v1 + "," + v1 + "," + g1 + ",新址3号\n" // 4 name
                + newcomer + ",林秀英,女,1993-06-07,在册,2024-01-01," + v1 + ",,,\n" // 5 name conflict, new person
                + newcomer + ",林秀华,女,1993-06-07,在册,2024-01-01," + v1 + ",,,\n" // 6
                + man + ",黄女士,女,1970-01-02,在册,2024-01-01," + v1 + ",,,\n" // 7 sex
                + born + ",郑秀兰,女,1972-03-02,在册,2024-01-01," + v1 + ",,,\n" // 8 birth date
                + elsewhere + ",许丽华,男,,在册,2024-01-01," + v1 + ",350525101999,,\n" // 9 residence
                + gridless + ",蔡文华,女,,在册,2024-01-01," + v1 + "," + v1 + "," + v1 + "999,\n" // 10 grid
                + fullWidth + ",全角号,男,,在册,2024-01-01," + v1 + ",,,\n" // 11
                + wrongCheck + ",错校验,,,在册,2024-01-01," + v1 + ",,,\n" // 12
                + good + ",洪美玲,1,1980-06-07,在册,2024-01-01," + v1 + ",,,\n" // 13 accepted (1 = 男)
                + twice + ",吴建萍,女,1982-07-08,在册,2024-03-01," + v1 + ",,,甲地\n" // 14 same day, other address
                + twice + ",吴建萍,女,1982-07-08,在册,2024-03-01," + v1 + ",,,乙地\n"; // 15 taken

        ImportRun run = importer.importAs(CLERK, ExtractKind.POLICE_HOUSEHOLD, "police-2024.csv", file);
        assertThat(run.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(run.rowsRead()).isEqualTo(14);
        assertThat(run.rowsDuplicate()).isEqualTo(1);
        assertThat(run.rowsHeld()).isEqualTo(4);
        assertThat(run.rowsRejected()).isEqualTo(7);
        assertThat(run.rowsAccepted()).isEqualTo(2);
        assertThat(run.personsAccepted()).isEqualTo(2);
        assertThat(run.personsChanged()).isEqualTo(2);

        assertThat(rejects(run.id()))
                .containsExactly(
                        List.of("2", "CONFLICT_HELD", "姓名", "陈志明"),
                        List.of("3", "DUPLICATE_EXACT", "", ""),
                        List.of("4", "CONFLICT_HELD", "姓名", "陈智明"),
                        List.of("5", "CONFLICT_HELD", "姓名", "林秀英"),
                        List.of("6", "CONFLICT_HELD", "姓名", "林秀华"),
                        List.of("7", "SEX_MISMATCH", "性别", "女"),
                        List.of("8", "BIRTH_DATE_MISMATCH", "出生日期", "1972-03-02"),
                        List.of("9", "UNKNOWN_RESIDENCE_REGION", "常住地区划", "350525101999"),
                        List.of("10", "UNKNOWN_GRID", "网格编码", v1 + "999"),
                        List.of("11", "NON_ASCII_DIGITS", "身份证号", IdNumber.mask(fullWidth)),
                        List.of("12", "ID_CHECK_CHARACTER", "身份证号", IdNumber.mask(wrongCheck)),
                        List.of("14", "DUPLICATE_ROW", "", ""));

        // the texts name the column; on screen the values are masked
        List<ImportService.Reject> shown =
                security.as(CLERK, () -> imports.rejects(run.id(), 50, Locale.SIMPLIFIED_CHINESE));
        assertThat(shown).filteredOn(r -> r.rowNumber() == 9).singleElement().satisfies(r -> {
            assertThat(r.reasonText()).contains("常住地区划", "350525101999");
            assertThat(r.column()).isEqualTo("常住地区划");
        });
        assertThat(shown).filteredOn(r -> r.rowNumber() == 12).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.ID_CHECK_CHARACTER);
            assertThat(r.reasonText()).contains("身份证号", "校验位错误").doesNotContain(wrongCheck);
            assertThat(r.value()).isEqualTo(IdNumber.mask(wrongCheck));
        });
        // what the ID number says is the application's word: in the reader's language, the file's value as written
        assertThat(shown)
                .filteredOn(r -> r.rowNumber() == 7)
                .singleElement()
                .extracting(ImportService.Reject::reasonText)
                .asString()
                .contains("“性别”为女", "身份证号第17位表示男");
        assertThat(security.as(CLERK, () -> imports.rejects(run.id(), 50, Locale.ENGLISH)))
                .filteredOn(r -> r.rowNumber() == 7)
                .singleElement()
                .extracting(ImportService.Reject::reasonText)
                .asString()
                .contains("its 17th digit says Male");
        assertThat(shown)
                .filteredOn(r -> r.rowNumber() == 4)
                .singleElement()
                .extracting(ImportService.Reject::reasonText)
                .asString()
                .contains("陈志明、陈智明");
        assertThat(shown)
                .filteredOn(r -> r.rowNumber() == 14)
                .singleElement()
                .extracting(ImportService.Reject::reasonText)
                .asString()
                .contains("第 15 行");
        assertThat(security.as(CLERK, () -> imports.summary(run, Locale.SIMPLIFIED_CHINESE)))
                .containsExactly(
                        "读取 14 行，接收 2 行",
                        "7 行被拒收（原因见下表）",
                        "1 行为文件内重复（与前面某行完全相同），未重复导入",
                        "4 行因同一身份证号姓名不一致而暂缓，待经办人决定",
                        "接收的 2 行涉及 2 人：2 人有变更，0 人与登记库一致、未作变更");

        // held: nothing of the known person changed, the new person not created
        assertThat(jdbc.queryForMap("select name, address from person where id_number = ?", known))
                .containsEntry("name", "陈志明")
                .containsEntry("address", "旧址1号");
        assertThat(jdbc.queryForObject(
                        "select count(*) from person_change where import_id = ? and id_number = ?",
                        Integer.class,
                        run.id(),
                        known))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from person where id_number = ?", Integer.class, newcomer))
                .isZero();
        assertThat(jdbc.queryForList(
                        "select row_number from import_held_row where import_id = ? order by row_number",
                        Long.class,
                        run.id()))
                .containsExactly(2L, 4L, 5L, 6L);
        // the accepted rows: the good one, and of the same-day pair the later
        assertThat(jdbc.queryForObject("select address from person where id_number = ?", String.class, twice))
                .isEqualTo("乙地");
        assertThat(jdbc.queryForObject("select sex from person where id_number = ?", String.class, good))
                .isEqualTo("M");

        // the clerk decides on the duplicates page: the second row's name for the known person, none for the other
        List<DuplicateService.HeldConflict> held = security.as(CLERK, () -> duplicates.heldConflicts(0, 50)).stream()
                .filter(c -> c.importId() == run.id())
                .toList();
        assertThat(held)
                .extracting(DuplicateService.HeldConflict::maskedId)
                .containsExactlyInAnyOrder(IdNumber.mask(known), IdNumber.mask(newcomer));
        DuplicateService.HeldConflict ofKnown = held.stream()
                .filter(c -> c.idNumber().equals(known))
                .findFirst()
                .orElseThrow();
        assertThat(ofKnown.names()).containsExactly("陈志明", "陈智明");
        assertThat(ofKnown.rows())
                .extracting(DuplicateService.HeldRow::maskedRaw)
                .noneMatch(raw -> raw.contains(known));

        ImportRun applied = security.as(CLERK, () -> duplicates.applyHeldRow(ofKnown, 4, "户籍底册为陈智明"));
        ImportRun done = importer.awaitFinished(CLERK, applied.id());
        assertThat(done.rowsAccepted()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select name, address from person where id_number = ?", known))
                .containsEntry("name", "陈智明")
                .containsEntry("address", "新址3号");
        assertThat(jdbc.queryForObject(
                        "select old_value || '→' || new_value from person_change where import_id = ? "
                                + "and id_number = ? and field = 'name'",
                        String.class,
                        done.id(),
                        known))
                .isEqualTo("陈志明→陈智明");

        DuplicateService.HeldConflict ofNewcomer = held.stream()
                .filter(c -> c.idNumber().equals(newcomer))
                .findFirst()
                .orElseThrow();
        security.as(CLERK, () -> duplicates.dismissHeldConflict(ofNewcomer, "请公安核实"));
        assertThat(security.as(CLERK, () -> duplicates.heldConflicts(0, 50))).noneMatch(c -> c.importId() == run.id());
        assertThat(jdbc.queryForObject("select count(*) from person where id_number = ?", Integer.class, newcomer))
                .isZero();
        assertThat(jdbc.queryForList(
                        "select resolution || ' ' || resolved_by from duplicate_resolution "
                                + "where kind = 'IN_FILE' and item_key like ? order by resolution",
                        String.class,
                        run.id() + ":%"))
                .containsExactly("DISMISSED " + CLERK, "RESOLVED " + CLERK);
    }

    /** Row number, reason code, column and value of each reject, as stored. */
    private List<List<String>> rejects(long importId) {
        return jdbc.query(
                "select row_number, reason_key, coalesce(column_name, ''), coalesce(cell_value, '') "
                        + "from import_reject where import_id = ? order by row_number",
                (rs, n) -> List.of(
                        rs.getString(1),
                                RejectReason.ofMessageKey(rs.getString(2))
                                        .map(Enum::name)
                                        .orElse(rs.getString(2)),
                        rs.getString(3), rs.getString(4)),
                importId);
    }

    private static String toFullWidth(String digits) {
        StringBuilder sb = new StringBuilder();
        digits.chars().forEach(c -> sb.append((char) (c - '0' + '０')));
        return sb.toString();
    }
}
