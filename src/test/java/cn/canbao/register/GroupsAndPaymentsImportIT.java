package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Hardship lists (as XLSX), student rolls and tax payments matched onto persons of the register. */
@CanbaoIntegrationTest
@AsSystem
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupsAndPaymentsImportIT extends IntegrationTestBase {

    @Autowired
    RegisterService register;

    final String mother = TestIds.id("350525", LocalDate.of(1990, 4, 4), 602);
    final String child = TestIds.id("350525", LocalDate.of(2019, 6, 1), 611);
    final String pupil = TestIds.id("350525", LocalDate.of(2012, 2, 2), 621);

    @BeforeAll
    void persons() {
        security.ensureUser("clerk.groups", "350525000000", Role.CLERK);
        String village = firstBelow("350525104000", RegionLevel.VILLAGE);
        ImportRun base = run(
                ExtractKind.POLICE_HOUSEHOLD,
                "base.csv",
                ("身份证号,姓名,变动类型,变动日期,户籍地区划,母亲身份证号\n" + mother + ",洪美玲,在册,2008-01-01," + village + "\n"
                                + child + ",洪小雨,出生,2019-06-01," + village + "," + mother + "\n"
                                + pupil + ",洪子轩,在册,2012-02-02," + village + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(base.rowsAccepted()).isEqualTo(3);
        // a birth makes the child a newborn until the end of the following year
        assertThat(jdbc.queryForObject(
                        "select since || ' ' || until from person_group where id_number = ? " + "and grp = 'NEWBORN'",
                        String.class,
                        child))
                .isEqualTo("2019-06-01 2020-12-31");
    }

    @Test
    void anXlsxHardshipListAddsCategoriesAndReimportsChangeNothing() throws Exception {
        byte[] xlsx = xlsx(List.of(
                List.of("身份证号", "姓名", "类别", "认定日期", "退出日期"),
                List.of(mother, "洪美玲", "低保", "2021-03-01", ""),
                List.of(mother, "洪美玲", "SEVERE_DISABILITY", "2020-01-01", ""),
                List.of(child, "洪小雨", "孤儿", "2022-01-01", "2021-01-01"),
                List.of(TestIds.id("350525", LocalDate.of(1960, 1, 1), 631), "无此人", "特困", "2021-03-01", "")));
        ImportRun first = run(ExtractKind.HARDSHIP, "hardship.xlsx", xlsx);
        assertThat(first.format()).isEqualTo("XLSX");
        assertThat(first.rowsRead()).isEqualTo(4);
        assertThat(first.rowsAccepted()).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select reason_key from import_reject where import_id = ? order by row_number",
                        String.class,
                        first.id()))
                .containsExactly("register.reject.dateOrder", "register.reject.unknownPerson");
        assertThat(jdbc.queryForList(
                        "select detail from person_group where id_number = ? and grp = 'HARDSHIP' " + "order by detail",
                        String.class,
                        mother))
                .containsExactly("DIBAO", "SEVERE_DISABILITY");

        ImportRun again = run(ExtractKind.HARDSHIP, "hardship.xlsx", xlsx);
        assertThat(again.personsChanged()).isZero();
    }

    @Test
    void studentRollsKeepTheLatestSchoolAndTheGuardiansPhone() {
        String roll = ExtractHeaders.STUDENT
                + child + ",洪小雨,福兴幼儿园,学前,2023,13905950001\n"
                + pupil + ",洪子轩,桃城中心小学,小学,2022,13905950002\n"
                + pupil + ",洪子轩,永春县第一中学,初中,2023,13905950002\n"
                + pupil + ",洪子轩,永春县第一中学,JUNIOR,2023,139\n";
        ImportRun run = run(ExtractKind.STUDENT, "students.csv", roll.getBytes(StandardCharsets.UTF_8));
        assertThat(run.rowsRejected()).isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select grp || ' ' || organisation || ' ' || contact_mobile from person_group "
                                + "where id_number in (?, ?) and grp <> 'NEWBORN' order by grp",
                        String.class,
                        child,
                        pupil))
                .containsExactly("PRESCHOOL 福兴幼儿园 PRESCHOOL 13905950001", "STUDENT 永春县第一中学 JUNIOR 13905950002");
        assertThat(jdbc.queryForObject(
                        "select new_value from person_change where import_id = ? and id_number = ?",
                        String.class,
                        run.id(),
                        child))
                .isEqualTo("PRESCHOOL 福兴幼儿园 PRESCHOOL 2023-09-01");
    }

    @Test
    void aTaxPaymentIsAnEnrollmentAndEndsOutreachForTheYear() {
        assertThat(register.eligibleForOutreach(mother, 2024)).isTrue();
        String payments = ExtractHeaders.TAX_PAYMENT
                + mother + ",洪美玲,2024,居民,2023-10-08,400,YC2024000001\n"
                + pupil + ",洪子轩,2024,居民,2023-10-09,400,YC2024000001\n";
        ImportRun run = run(ExtractKind.TAX_PAYMENT, "tax.csv", payments.getBytes(StandardCharsets.UTF_8));
        assertThat(run.rowsRejected()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select reason_key from import_reject where import_id = ?", String.class, run.id()))
                .isEqualTo("register.reject.duplicateRow");
        assertThat(jdbc.queryForObject("select id_number from payment where receipt_no = 'YC2024000001'", String.class))
                .isEqualTo(pupil);
        assertThat(register.eligibleForOutreach(pupil, 2024)).isFalse();
        assertThat(jdbc.queryForList(
                        "select field || ': ' || new_value from person_change where import_id = ? "
                                + "and id_number = ? order by field",
                        String.class,
                        run.id(),
                        pupil))
                .containsExactly(
                        "enrollment: 2024 RESIDENT LOCAL 2023-10-09 400.00",
                        "payment: YC2024000001 2024 RESIDENT 2023-10-09 400.00");
        assertThat(jdbc.queryForObject(
                        "select amount::text from enrollment where id_number = ? and year = 2024", String.class, pupil))
                .isEqualTo("400.00");

        String other = ExtractHeaders.TAX_PAYMENT + mother + ",洪美玲,2024,居民,2023-10-08,400,YC2024000001\n";
        ImportRun clash = run(ExtractKind.TAX_PAYMENT, "tax2.csv", other.getBytes(StandardCharsets.UTF_8));
        assertThat(jdbc.queryForObject(
                        "select reason_key || ' ' || reason_args[1] from import_reject " + "where import_id = ?",
                        String.class,
                        clash.id()))
                .startsWith("register.reject.receiptOfOther 3505**");
        assertThat(register.eligibleForOutreach(mother, 2024)).isTrue();
    }

    private ImportRun run(ExtractKind kind, String name, byte[] content) {
        return importer.importAs("clerk.groups", kind, name, content);
    }

    private static byte[] xlsx(List<List<String>> rows) throws Exception {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
            var sheet = workbook.createSheet("困难群体");
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
