package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.duplicates.DuplicateService;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Duplicate enrollments and duplicate files reach the clerk's list, masked, and are resolved with a change log. */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicatesIT extends IntegrationTestBase {

    @Autowired
    DuplicateService duplicates;

    final String twice = TestIds.id("350525", LocalDate.of(1977, 7, 7), 803);
    final String fileA = TestIds.id("350525", LocalDate.of(1969, 9, 19), 815);
    final String fileB = TestIds.id("350583", LocalDate.of(1969, 9, 19), 817);
    final String outside = TestIds.id("350525", LocalDate.of(1971, 1, 21), 825);

    @BeforeAll
    void data() {
        security.ensureUser("clerk.dup", "350525000000", Role.CLERK);
        security.ensureUser("clerk.dup.town", "350525106000", Role.CLERK);
        security.ensureUser("worker.dup", firstBelow("350525106000", RegionLevel.GRID), Role.GRID_WORKER);
        String village = firstBelow("350525106000", RegionLevel.VILLAGE);
        String elsewhere = firstBelow("350525107000", RegionLevel.VILLAGE);
        run(
                ExtractHeaders.POLICE_BASIC + twice + ",郭建国,在册,2000-01-01," + village + "\n"
                        + fileA + ",曾秀兰,在册,2000-01-01," + village + "\n" + fileB + ",曾秀兰,在册,2015-01-01," + village
                        + "\n"
                        + outside + ",外镇人,在册,2000-01-01," + elsewhere + "\n",
                ExtractKind.POLICE_HOUSEHOLD);
        run(
                ExtractHeaders.INSURANCE_PAID
                        + twice + ",郭建国,2031,居民,本地,,2030-12-01,400\n" + twice + ",郭建国,2031,职工,异地,350583,,\n"
                        + outside + ",外镇人,2031,居民,本地,,2030-12-01,400\n" + outside + ",外镇人,2031,居民,异地,350583,,\n",
                ExtractKind.INSURANCE_STATUS);
    }

    @Test
    void aDuplicateEnrollmentIsListedMaskedAndResolvedByKeepingOne() {
        security.as("clerk.dup.town", () -> {
            List<DuplicateService.DuplicateEnrollment> list = duplicates.enrollments(2031, 0, 100);
            assertThat(list)
                    .extracting(DuplicateService.DuplicateEnrollment::maskedId)
                    .containsExactly(IdNumber.mask(twice));
            assertThat(list.get(0).enrollments()).containsExactly("EMPLOYEE ELSEWHERE 350583", "RESIDENT LOCAL");
            assertThat(list.get(0).toString()).doesNotContain(twice);
            duplicates.keepEnrollment(list.get(0), "RESIDENT LOCAL", "异地为单位误报");
            assertThat(duplicates.enrollments(2031, 0, 100)).isEmpty();
        });
        assertThat(jdbc.queryForList(
                        "select scheme || ' ' || place from enrollment where id_number = ? and year = 2031",
                        String.class,
                        twice))
                .containsExactly("RESIDENT LOCAL");
        assertThat(jdbc.queryForObject(
                        "select old_value || ' → ' || new_value from person_change where id_number = ? "
                                + "and field = 'enrollment' and changed_by = 'clerk.dup.town'",
                        String.class,
                        twice))
                .isEqualTo("2031 EMPLOYEE ELSEWHERE 350583 → duplicate resolved, kept RESIDENT LOCAL: 异地为单位误报");
        // the county clerk still sees the other township's case; the township clerk never did
        security.as(
                "clerk.dup",
                () -> assertThat(duplicates.enrollments(2031, 0, 100))
                        .extracting(DuplicateService.DuplicateEnrollment::maskedId)
                        .containsExactly(IdNumber.mask(outside)));
    }

    @Test
    void twoFilesOfOnePersonAreListedAndTheOtherIsCancelled() {
        DuplicateService.DuplicateFile group = security.as(
                "clerk.dup.town",
                () -> duplicates.files(0, 100).stream()
                        .filter(f -> f.name().equals("曾秀兰"))
                        .findFirst()
                        .orElseThrow());
        assertThat(group.maskedIds()).containsExactly(IdNumber.mask(fileA), IdNumber.mask(fileB));
        assertThat(group.birthDate()).isEqualTo(LocalDate.of(1969, 9, 19));
        security.as("clerk.dup.town", () -> duplicates.keepFile(group, fileA, "同一人，旧号码"));
        assertThat(jdbc.queryForObject("select status from person where id_number = ?", String.class, fileB))
                .isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("select status from person where id_number = ?", String.class, fileA))
                .isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject(
                        "select new_value from person_change where id_number = ? and field = 'status'",
                        String.class,
                        fileB))
                .isEqualTo("CANCELLED duplicate of " + IdNumber.mask(fileA));
        assertThat(security.as("clerk.dup.town", () -> duplicates.files(0, 100)))
                .noneMatch(f -> f.name().equals("曾秀兰"));
    }

    @Test
    void onlyClerksAndAdminsSeeDuplicates() {
        assertThatThrownBy(() -> security.as("worker.dup", () -> duplicates.enrollments(2031, 0, 10)))
                .isInstanceOf(AccessDeniedException.class);
    }

    private void run(String csv, ExtractKind kind) {
        ImportRun done = importer.importAs("clerk.dup", kind, "dup.csv", csv);
        assertThat(done.rowsRejected()).as("rejects of %s", kind).isZero();
    }
}
