package cn.canbao.fasttrack;

import static cn.canbao.fasttrack.FastTrackTestCounty.grid;
import static cn.canbao.fasttrack.FastTrackTestCounty.village;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.DomainException;
import cn.canbao.fasttrack.process.NewbornEnrolmentProcess;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.TestIds;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Newborns from the health commission's birth certificates (issue 16): on the register and in the newborn fast track
 * before the household registration, enrolled with the certificate by the grid worker of the mother's grid; the police
 * BIRTH row that registers the child later joins the same file (by the certificate number, or by mother, birth date and
 * name), carrying the enrolment over and starting no second track.
 */
@CanbaoIntegrationTest
class BirthCertificateIT extends FastTrackTestBase {

    static final String POLICE = "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,住址,手机号,母亲身份证号," + "出生医学证明编号\n";
    static final String CERTIFICATES = "出生医学证明编号,姓名,性别,出生日期,母亲身份证号,父亲身份证号,居住地区划,网格编码\n";
    static final String CLERK = "clerk.births";
    static final String GRID_WORKER = "gw.births";

    @BeforeAll
    void countyAndUsers() {
        countyWithUsers(CLERK, GRID_WORKER, grid(4, 1));
    }

    @Test
    void aCertificateStartsTheFastTrackAndThePoliceBirthJoinsTheSameFile() {
        String mother = TestIds.id("350598", LocalDate.of(1993, 3, 3), 402);
        String father = TestIds.id("350598", LocalDate.of(1991, 1, 1), 401);
        String stranger = TestIds.id("350598", LocalDate.of(1992, 2, 2), 404);
        importer.register(
                CLERK,
                PoliceExtract.registeredOn("2015-01-01")
                        .inGrid(mother, "王美兰", grid(4, 1), "四村1号", "13905984001")
                        .inGrid(father, "王建国", grid(4, 1)));
        LocalDate bornFirst = today.minusDays(10);
        LocalDate bornSecond = today.minusDays(12);
        ImportRun certificates = importer.importAs(
                CLERK,
                ExtractKind.BIRTH_CERTIFICATE,
                "births.csv",
                CERTIFICATES
                        + "a123456789,王小一,男," + bornFirst + "," + mother + "," + father + ",,\n"
                        + "B123456789,王小二,女," + bornSecond + "," + mother + ",,,\n"
                        + "出生证,王小三,男," + bornFirst + "," + mother + ",,,\n"
                        + "C123456789,王小四,男," + bornFirst + "," + mother + "," + mother + ",,\n"
                        + "D123456789,王小五,女," + bornFirst + "," + stranger + ",,,\n"
                        + "E123456789,王小六,男," + bornFirst + "," + mother + ",," + village(4, 2) + "," + grid(4, 1)
                        + "\n");

        // refused with reasons: a bad certificate number, a father who cannot be one, nowhere to place the child
        // (the mother is not on the register and the row names no residence), a grid outside the residence
        assertThat(certificates.rowsAccepted()).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select row_number || ' ' || reason_key from import_reject where import_id = ? "
                                + "order by row_number",
                        String.class,
                        certificates.id()))
                .containsExactly(
                        "4 register.reject.certificate", "5 register.reject.fatherIdNotFather",
                        "6 register.reject.birthPlaceUnknown", "7 register.reject.gridNotInResidence");
        // the child lives where the mother lives; no ID number yet
        assertThat(jdbc.queryForList(
                        "select certificate_no || ' ' || name || ' ' || sex || ' ' || residence_region "
                                + "|| ' ' || grid_code || ' ' || coalesce(id_number, '-') from birth_certificate where import_id = ? "
                                + "order by certificate_no",
                        String.class,
                        certificates.id()))
                .containsExactly(
                        "A123456789 王小一 M " + village(4, 1) + " " + grid(4, 1) + " -",
                        "B123456789 王小二 F " + village(4, 1) + " " + grid(4, 1) + " -");

        // the fast track starts from the certificate: a task for the grid worker of the mother's grid
        Task first = openTask("A123456789");
        assertThat(first.getName()).isEqualTo("新生儿参保登记（王小一）");
        assertThat(tasks.getIdentityLinksForTask(first.getId()).stream().map(l -> l.getGroupId()))
                .containsExactly("grid-worker:" + grid(4, 1));
        FastTrack shown = security.as(GRID_WORKER, () -> tracks.track(trackId("A123456789")));
        assertThat(shown.maskedIdNumber()).isNull();
        assertThat(shown.birthDate()).isEqualTo(bornFirst);
        assertThat(shown.motherName()).isEqualTo("王美兰");
        assertThat(shown.maskedMotherMobile()).isEqualTo("139****4001");

        // enrolled with the certificate: the number given must be the child's
        assertThatThrownBy(() -> security.as(
                        GRID_WORKER,
                        () -> inbox.complete(
                                first.getId(),
                                Map.of(
                                        NewbornEnrolmentProcess.VAR_BIRTH_CERTIFICATE,
                                        "B123456789",
                                        NewbornEnrolmentProcess.VAR_SCHEME,
                                        "RESIDENT",
                                        NewbornEnrolmentProcess.VAR_ENROLLED_ON,
                                        today.toString()))))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("fastTrack.certificateMismatch"));
        security.as(
                GRID_WORKER,
                () -> inbox.complete(
                        first.getId(),
                        Map.of(
                                NewbornEnrolmentProcess.VAR_BIRTH_CERTIFICATE,
                                "a123456789",
                                NewbornEnrolmentProcess.VAR_SCHEME,
                                "RESIDENT",
                                NewbornEnrolmentProcess.VAR_ENROLLED_ON,
                                today.toString())));
        assertThat(jdbc.queryForMap("select enrolled_year::int, enrolled_scheme, enrolled_on::text, enrolled_by "
                        + "from birth_certificate where certificate_no = 'A123456789'"))
                .containsEntry("enrolled_year", year)
                .containsEntry("enrolled_scheme", "RESIDENT")
                .containsEntry("enrolled_on", today.toString())
                .containsEntry("enrolled_by", GRID_WORKER);
        assertThat(jdbc.queryForObject(
                        "select ended_by from fast_track where certificate_no = 'A123456789'", String.class))
                .isEqualTo("TASK");

        // the household registration: the first child by its certificate number, the second by mother, date and name
        String childOne = TestIds.id("350598", bornFirst, 411);
        String childTwo = TestIds.id("350598", bornSecond, 412);
        ImportRun births = importer.importAs(
                CLERK,
                ExtractKind.POLICE_HOUSEHOLD,
                "registered.csv",
                POLICE
                        + childOne + ",王小一,出生," + bornFirst + "," + village(4, 1) + ",,,,," + mother + ",A123456789\n"
                        + childTwo + ",王小二,出生," + bornSecond + "," + village(4, 1) + ",,,,," + mother + ",\n");
        assertThat(births.rowsAccepted()).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select certificate_no || ' ' || id_number from birth_certificate "
                                + "where certificate_no in ('A123456789', 'B123456789') order by 1",
                        String.class))
                .containsExactly("A123456789 " + childOne, "B123456789 " + childTwo);
        // one person, one file: the enrolment made on the certificate is the file's now, and no second track starts
        assertThat(jdbc.queryForObject("select count(*) from person where id_number = ?", Integer.class, childOne))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select year || ' ' || scheme || ' ' || place || ' ' || paid_date "
                                + "from enrollment where id_number = ?",
                        String.class,
                        childOne))
                .isEqualTo(year + " RESIDENT LOCAL " + today);
        assertThat(jdbc.queryForObject(
                        "select new_value from person_change where id_number = ? " + "and field = 'birth_certificate'",
                        String.class,
                        childOne))
                .isEqualTo("A123456789");
        // the Yancheng file fields: a birth registration, filed on the certificate
        assertThat(jdbc.queryForObject(
                        "select file_type || ' ' || file_marker || ' ' || left(file_number, 8) "
                                + "from person where id_number = ?",
                        String.class,
                        childOne))
                .isEqualTo("NEWBORN CERTIFICATE DA350598");
        assertThat(jdbc.queryForObject("select count(*) from fast_track where id_number = ?", Integer.class, childOne))
                .isZero();
        // the second child's live track (from the certificate) is the file's: still one track, one process
        assertThat(jdbc.queryForList(
                        "select coalesce(certificate_no, '-') from fast_track where id_number = ?",
                        String.class,
                        childTwo))
                .containsExactly("B123456789");
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(NewbornEnrolmentProcess.KEY)
                        .processInstanceBusinessKey(String.valueOf(trackId("B123456789")))
                        .count())
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from fast_track where kind = 'NEWBORN' and ended_at is null "
                                + "and (id_number = ? or certificate_no = 'B123456789')",
                        Integer.class,
                        childTwo))
                .isEqualTo(1);
    }

    private Task openTask(String certificate) {
        // the track's id is the business key; other processes' keys (a case's, a campaign's id) may be the same number
        return tasks.createTaskQuery()
                .processDefinitionKey(NewbornEnrolmentProcess.KEY)
                .processInstanceBusinessKey(String.valueOf(trackId(certificate)))
                .singleResult();
    }

    private long trackId(String certificate) {
        return jdbc.queryForObject(
                "select id from fast_track where certificate_no = ? order by id desc limit 1", Long.class, certificate);
    }
}
