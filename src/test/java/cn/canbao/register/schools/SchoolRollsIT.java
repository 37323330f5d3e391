package cn.canbao.register.schools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.Yongchun;
import cn.canbao.base.AccessRefused;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.RegisterException;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.security.Role;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Schools as a channel: per school of the education rolls its pupils enrolled and not, the list of those not yet
 * enrolled (masked) for the education office, whole-school registration by the county clerk, each within the
 * reader's region; a township leader elsewhere sees none of it and cannot register anything.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchoolRollsIT extends IntegrationTestBase {

    static final int YEAR = 2071;
    static final String TOWNSHIP = Yongchun.township(6);
    static final String OTHER_TOWNSHIP = Yongchun.township(7);

    @Autowired
    SchoolRolls rolls;

    @Autowired
    org.springframework.context.MessageSource messages;

    final String[] pupils = new String[4];

    @BeforeAll
    void rolls() {
        security.ensureUser("clerk.schools", "350525000000", Role.CLERK);
        security.ensureUser("leader.schools", TOWNSHIP, Role.TOWNSHIP_LEADER);
        security.ensureUser("leader.schools.other", OTHER_TOWNSHIP, Role.TOWNSHIP_LEADER);
        String village = firstBelow(TOWNSHIP, RegionLevel.VILLAGE);
        for (int i = 0; i < pupils.length; i++) {
            pupils[i] = TestIds.id("350525", LocalDate.of(2013 + i, 9, 1), 861 + 2 * i);
        }
        StringBuilder people = new StringBuilder(ExtractHeaders.POLICE_BASIC);
        for (int i = 0; i < pupils.length; i++) {
            people.append(pupils[i])
                    .append(",学生")
                    .append(i)
                    .append(",在册,2015-01-01,")
                    .append(village)
                    .append('\n');
        }
        importer.importAs("clerk.schools", ExtractKind.POLICE_HOUSEHOLD, "school-people.csv", people.toString());
        importer.importAs(
                "clerk.schools",
                ExtractKind.STUDENT,
                "school-rolls.csv",
                ExtractHeaders.STUDENT
                        + pupils[0] + ",学生0,蓬壶中心小学,小学,2070,13905960001\n"
                        + pupils[1] + ",学生1,蓬壶中心小学,小学,2070,\n"
                        + pupils[2] + ",学生2,蓬壶中心小学,初中,2070,13905960003\n"
                        + pupils[3] + ",学生3,永春一中,高中,2070,13905960004\n");
        importer.importAs(
                "clerk.schools",
                ExtractKind.INSURANCE_STATUS,
                "school-insured.csv",
                ExtractHeaders.INSURANCE + pupils[2] + ",学生2," + YEAR + ",居民,本地\n" + pupils[3] + ",学生3," + YEAR
                        + ",居民,本地\n");
    }

    @Test
    void eachSchoolShowsItsPupilsEnrolledAndNotWithinTheReadersRegion() {
        List<SchoolRolls.School> schools = security.as("leader.schools", () -> rolls.schools(TOWNSHIP, YEAR));
        assertThat(schools)
                .extracting(
                        SchoolRolls.School::name,
                        SchoolRolls.School::pupils,
                        SchoolRolls.School::enrolled,
                        SchoolRolls.School::notEnrolled,
                        SchoolRolls.School::reachable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("永春一中", 1, 1, 0, 0),
                        org.assertj.core.groups.Tuple.tuple("蓬壶中心小学", 3, 1, 2, 1));
        assertThat(schools.get(1).stages()).isEqualTo("JUNIOR,PRIMARY");

        List<SchoolRolls.Pupil> list = security.as("leader.schools", () -> rolls.notEnrolled(TOWNSHIP, "蓬壶中心小学", YEAR));
        assertThat(list).extracting(SchoolRolls.Pupil::name).containsExactlyInAnyOrder("学生0", "学生1");
        assertThat(list)
                .extracting(SchoolRolls.Pupil::maskedId)
                .noneMatch(id -> id.equals(pupils[0]) || id.equals(pupils[1]));
        assertThat(list)
                .extracting(SchoolRolls.Pupil::guardianMobile)
                .containsOnly(null, MobileNumber.mask("13905960001"));

        // another township's leader sees no school of these pupils and cannot read this township
        assertThat(security.as("leader.schools.other", () -> rolls.schools(OTHER_TOWNSHIP, YEAR)))
                .extracting(SchoolRolls.School::name)
                .doesNotContain("蓬壶中心小学", "永春一中");
        assertThatThrownBy(() -> security.as("leader.schools.other", () -> rolls.schools(TOWNSHIP, YEAR)))
                .isInstanceOf(cn.canbao.base.DomainException.class);
    }

    @Test
    void theCountyClerkRecordsAWholeSchoolRegistrationAndNobodyElseCan() {
        int before =
                jdbc.queryForObject("select count(*) from school_enrollment_unit where year = ?", Integer.class, YEAR);
        assertThatThrownBy(() -> security.as(
                        "leader.schools",
                        () -> rolls.registerWholeSchool("350525000000", "蓬壶中心小学", YEAR, LocalDate.of(2070, 9, 10), 3)))
                .isInstanceOfAny(AccessRefused.class, cn.canbao.base.DomainException.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from school_enrollment_unit where year = ?", Integer.class, YEAR))
                .isEqualTo(before);
        assertThatThrownBy(() -> security.as(
                        "clerk.schools",
                        () -> rolls.registerWholeSchool("350525000000", "没有这所学校", YEAR, LocalDate.of(2070, 9, 10), 3)))
                .isInstanceOfSatisfying(
                        RegisterException.class, e -> assertThat(e.messageKey()).isEqualTo("register.school.unknown"));

        SchoolRolls.School school = security.as(
                "clerk.schools",
                () -> rolls.registerWholeSchool("350525000000", "蓬壶中心小学", YEAR, LocalDate.of(2070, 9, 10), 3));
        assertThat(school.wholeSchoolOn()).isEqualTo(LocalDate.of(2070, 9, 10));
        assertThat(school.declaredPupils()).isEqualTo(3);
        assertThat(security.as("leader.schools", () -> rolls.schools(TOWNSHIP, YEAR)))
                .filteredOn(s -> s.name().equals("蓬壶中心小学"))
                .extracting(SchoolRolls.School::declaredPupils)
                .containsExactly(3);
    }

    @Test
    void theEducationOfficesExportIsAuditedAndSaysItObligesNobody() throws Exception {
        int audited = jdbc.queryForObject(
                "select count(*) from security_audit where action = 'SCHOOL_LIST_EXPORTED'", Integer.class);
        List<SchoolRolls.Pupil> rows =
                security.as("clerk.schools", () -> rolls.exportNotEnrolled("350525000000", "蓬壶中心小学", YEAR));
        assertThat(rows).hasSize(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from security_audit where action = 'SCHOOL_LIST_EXPORTED'", Integer.class))
                .isEqualTo(audited + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SchoolListWorkbook.write(
                "蓬壶中心小学",
                rows,
                s -> s,
                v -> v,
                key -> messages.getMessage(key, null, java.util.Locale.SIMPLIFIED_CHINESE),
                out);
        try (var wb =
                new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("不得以任何形式强制");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue())
                    .doesNotContain(pupils[0])
                    .doesNotContain(pupils[1]);
        }
    }
}
