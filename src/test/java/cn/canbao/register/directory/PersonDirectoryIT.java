package cn.canbao.register.directory;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionException;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.PersonFile;
import cn.canbao.register.RegisterException;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.register.person.PersonStatus;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Searching the register and opening files on real PostgreSQL, with persons made by real imports:
 * each criterion finds exactly the expected persons, lists carry masked numbers only, a township clerk
 * neither finds nor opens another township's persons, every opening is one audit row, and only
 * admins read the audit log.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonDirectoryIT extends IntegrationTestBase {

    static final String COUNTY_CLERK = "clerk.search.county";
    static final String TAOCHENG_CLERK = "clerk.search.taocheng";
    static final String ADMIN = "admin.search.county";
    static final int YEAR = Year.now().getValue();

    @Autowired
    PersonDirectory directory;

    @Autowired
    PlatformTransactionManager transactions;

    /** 司马远航: 桃城镇, mobile, hardship group, enrolled two years ago and last year, one payment. */
    final String yuanhang = TestIds.id("350525", LocalDate.of(1985, 3, 12), 701);
    /** 司马静: 桃城镇, deceased, works away (reason), never enrolled. */
    final String jing = TestIds.id("350525", LocalDate.of(1990, 6, 1), 702);
    /** 欧阳明月: 东平镇 only. */
    final String mingyue = TestIds.id("350525", LocalDate.of(2001, 9, 20), 704);
    /** 慕容远: registered in 桃城镇, living in 东平镇 (人户分离). */
    final String murong = TestIds.id("350525", LocalDate.of(1972, 12, 5), 705);

    String taochengVillage;
    String taochengGrid;
    String dongpingVillage;

    @BeforeAll
    void personsByImport() {
        taochengVillage = firstBelow(TAOCHENG, RegionLevel.VILLAGE);
        taochengGrid = firstBelow(taochengVillage, RegionLevel.GRID);
        dongpingVillage = firstBelow(DONGPING, RegionLevel.VILLAGE);
        security.ensureUser(COUNTY_CLERK, COUNTY, Role.CLERK);
        security.ensureUser(TAOCHENG_CLERK, TAOCHENG, Role.CLERK);
        security.ensureUser(ADMIN, COUNTY, Role.ADMIN);

        importAs(
                ExtractKind.POLICE_HOUSEHOLD,
                "search-police.csv",
                ExtractHeaders.POLICE_FULL
                        + yuanhang + ",司马远航,在册,2001-01-01," + taochengVillage + "," + taochengVillage + ","
                        + taochengGrid + ",桃城镇远航路7号,13905957001\n"
                        + jing + ",司马静,在册,2001-01-01," + taochengVillage + ",,,,\n"
                        + mingyue + ",欧阳明月,出生,2001-09-20," + dongpingVillage + "," + dongpingVillage + ",,,13905957003,"
                        + jing + "\n"
                        + murong + ",慕容远,在册,2001-01-01," + taochengVillage + "," + dongpingVillage + ",,,\n");
        importAs(
                ExtractKind.POLICE_HOUSEHOLD,
                "search-death.csv",
                ExtractHeaders.POLICE_FULL + jing + ",司马静,死亡,2024-02-01,,,,,\n");
        importAs(
                ExtractKind.INSURANCE_STATUS,
                "search-insured.csv",
                ExtractHeaders.INSURANCE_PAID
                        + yuanhang + ",司马远航," + (YEAR - 3) + ",居民,本地,,,\n"
                        + yuanhang + ",司马远航," + (YEAR - 1) + ",居民,本地,," + (YEAR - 2) + "-12-20,380\n");
        // no importer writes groups, reasons or payments yet: these rows stand in for theirs
        jdbc.update(
                "insert into person_group (id_number, grp, detail) values (?, 'HARDSHIP', '低保') "
                        + "on conflict do nothing",
                yuanhang);
        jdbc.update("update person set not_enrolled_reason = 'WORKS_AWAY' where id_number = ?", jing);
        jdbc.update(
                "insert into payment (receipt_no, id_number, year, scheme, paid_date, amount) "
                        + "values ('R-SEARCH-701', ?, ?, 'RESIDENT', ?, 380) on conflict do nothing",
                yuanhang,
                YEAR - 1,
                LocalDate.of(YEAR - 2, 12, 20));
    }

    @Test
    void theTextFindsByFullIdNumberMobileNamePrefixAndContainedName() {
        assertThat(names(COUNTY_CLERK, PersonSearch.text(yuanhang))).containsExactly("司马远航");
        assertThat(names(COUNTY_CLERK, PersonSearch.text(" " + yuanhang.toLowerCase() + " ")))
                .containsExactly("司马远航");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("139 0595 7003"))).containsExactly("欧阳明月");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马"))).containsExactlyInAnyOrder("司马远航", "司马静");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("远航"))).containsExactly("司马远航");
        // one character is a surname: 慕容远 starts with 慕, 司马远航 only contains 远
        assertThat(names(COUNTY_CLERK, PersonSearch.text("慕"))).containsExactly("慕容远");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("远"))).doesNotContain("司马远航", "慕容远");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马%"))).isEmpty();
        assertThat(security.as(COUNTY_CLERK, () -> directory.count(PersonSearch.text("司马"))))
                .isEqualTo(2);
    }

    @Test
    void regionStatusGroupReasonAndEnrollmentFilterTheResults() {
        assertThat(names(COUNTY_CLERK, PersonSearch.ALL.withRegion(dongpingVillage)))
                .contains("欧阳明月", "慕容远")
                .doesNotContain("司马远航", "司马静");
        assertThat(names(COUNTY_CLERK, PersonSearch.ALL.withRegion(TAOCHENG).withText("慕容远")))
                .containsExactly("慕容远");
        assertThat(names(COUNTY_CLERK, PersonSearch.ALL.withRegion(taochengGrid)))
                .contains("司马远航")
                .doesNotContain("司马静", "慕容远");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马").withStatus(PersonStatus.DECEASED)))
                .containsExactly("司马静");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马").withStatus(PersonStatus.ACTIVE)))
                .containsExactly("司马远航");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马").withGroup(PersonGroup.HARDSHIP)))
                .containsExactly("司马远航");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马").withNotEnrolledReason(NotEnrolledReason.WORKS_AWAY)))
                .containsExactly("司马静");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马").withEnrollment(true, YEAR - 1)))
                .containsExactly("司马远航");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马").withEnrollment(false, YEAR - 1)))
                .containsExactly("司马静");
        assertThat(names(COUNTY_CLERK, PersonSearch.text("司马").withEnrollment(true, YEAR - 2)))
                .isEmpty();
    }

    @Test
    void rowsCarryMaskedNumbersOnlyAndPageByOffset() {
        PersonRow row = security.as(COUNTY_CLERK, () -> directory.search(PersonSearch.text(yuanhang), 0, 10))
                .get(0);
        assertThat(row.maskedIdNumber()).isEqualTo(yuanhang.substring(0, 4) + "**********" + yuanhang.substring(14));
        assertThat(row.maskedMobile()).isEqualTo("139****7001");
        assertThat(row.toString()).doesNotContain(yuanhang, "13905957001", yuanhang.substring(6, 14));
        assertThat(row.ref()).doesNotContain(yuanhang);
        assertThat(row)
                .extracting(PersonRow::name, PersonRow::sex, PersonRow::householdRegionName, PersonRow::status)
                .containsExactly("司马远航", IdNumber.Sex.MALE, regionName(taochengVillage), PersonStatus.ACTIVE);
        assertThat(row.age())
                .isEqualTo(Period.between(LocalDate.of(1985, 3, 12), LocalDate.now())
                        .getYears());

        List<PersonRow> first = security.as(COUNTY_CLERK, () -> directory.search(PersonSearch.text("司马"), 0, 1));
        List<PersonRow> second = security.as(COUNTY_CLERK, () -> directory.search(PersonSearch.text("司马"), 1, 1));
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(first.get(0).name()).isNotEqualTo(second.get(0).name());
    }

    @Test
    void aTownshipClerkNeitherFindsNorOpensAnotherTownshipsPersons() {
        security.as(TAOCHENG_CLERK, () -> {
            assertThat(directory.search(PersonSearch.text("欧阳明月"), 0, 50)).isEmpty();
            assertThat(directory.search(PersonSearch.text(mingyue), 0, 50)).isEmpty();
            assertThat(directory.search(PersonSearch.text("13905957003"), 0, 50))
                    .isEmpty();
            assertThat(directory.count(PersonSearch.text("欧阳明月"))).isZero();
            // the whole list of the clerk: everyone in it is registered or lives in 桃城镇
            assertThat(directory.search(PersonSearch.ALL, 0, 500))
                    .extracting(PersonRow::name)
                    .contains("司马远航", "慕容远")
                    .doesNotContain("欧阳明月");
            // registered in 桃城镇, living in 东平镇: the household region's clerk finds him
            assertThat(directory.search(PersonSearch.text("慕容远"), 0, 50)).hasSize(1);
            assertThatThrownBy(() -> directory.search(PersonSearch.ALL.withRegion(DONGPING), 0, 50))
                    .isInstanceOf(RegionException.class);
        });
        int before = accessRows(mingyue);
        assertThatThrownBy(() -> security.as(TAOCHENG_CLERK, () -> directory.open(mingyue, "TEST")))
                .isInstanceOfSatisfying(
                        RegisterException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("register.person.outOfScope"));
        assertThatThrownBy(() -> security.as(TAOCHENG_CLERK, () -> directory.timeline(mingyue)))
                .isInstanceOf(RegisterException.class);
        assertThat(accessRows(mingyue)).isEqualTo(before);
    }

    @Test
    void openingAFileShowsTheFullNumbersAndWritesExactlyOneAuditRow() {
        int before = accessRows(yuanhang);
        PersonFile file = security.as(COUNTY_CLERK, () -> directory.open(yuanhang, "TEST_OPEN"));
        assertThat(accessRows(yuanhang)).isEqualTo(before + 1);
        var audit = jdbc.queryForMap(
                "select id_number, username, purpose, opened_at from person_access "
                        + "where id_number = ? order by id desc limit 1",
                yuanhang);
        assertThat(audit)
                .containsEntry("id_number", yuanhang)
                .containsEntry("username", COUNTY_CLERK)
                .containsEntry("purpose", "TEST_OPEN");
        assertThat(((java.sql.Timestamp) audit.get("opened_at")).toInstant())
                .isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));

        assertThat(file.idNumber()).isEqualTo(yuanhang);
        assertThat(file.mobile()).isEqualTo("13905957001");
        assertThat(file.toString()).doesNotContain(yuanhang, "13905957001");
        assertThat(file.household().code()).isEqualTo(taochengVillage);
        assertThat(file.grid().code()).isEqualTo(taochengGrid);
        assertThat(file.address()).isEqualTo("桃城镇远航路7号");
        assertThat(file.groups())
                .extracting(PersonFile.Membership::group, PersonFile.Membership::detail)
                .containsExactly(tuple(PersonGroup.HARDSHIP, "低保"));
        assertThat(file.enrollments()).extracting(PersonFile.Enrollment::year).containsExactly(YEAR - 1, YEAR - 3);
        assertThat(file.payments()).extracting(PersonFile.Payment::receiptNo).containsExactly("R-SEARCH-701");
        assertThat(file.continuity()).isEqualTo(new EnrollmentContinuity(YEAR - 3, 1, List.of(YEAR - 2), false));

        PersonFile byRef = security.as(
                COUNTY_CLERK,
                () -> directory.openByRef(
                        directory
                                .search(PersonSearch.text(yuanhang), 0, 1)
                                .get(0)
                                .ref(),
                        PersonDirectory.PURPOSE_PERSON_VIEW));
        assertThat(byRef.idNumber()).isEqualTo(yuanhang);
        assertThat(accessRows(yuanhang)).isEqualTo(before + 2);
        assertThatThrownBy(() -> security.as(COUNTY_CLERK, () -> directory.openByRef("bm90LWEtcmVm", "TEST")))
                .isInstanceOfSatisfying(
                        RegisterException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("register.person.unknownRef"));
    }

    @Test
    void theTimelineListsImportsChangesAndPaymentsNewestFirst() {
        List<TimelineEntry> timeline = security.as(COUNTY_CLERK, () -> directory.timeline(jing));
        assertThat(timeline)
                .extracting(TimelineEntry::field, TimelineEntry::importKind, TimelineEntry::importFileName)
                .containsExactly(
                        tuple("status", ExtractKind.POLICE_HOUSEHOLD, "search-death.csv"),
                        tuple("created", ExtractKind.POLICE_HOUSEHOLD, "search-police.csv"));
        assertThat(timeline.get(0).newValue()).isEqualTo("DECEASED 2024-02-01");
        assertThat(timeline.get(0).changedBy()).isEqualTo(COUNTY_CLERK);

        List<TimelineEntry> paid = security.as(COUNTY_CLERK, () -> directory.timeline(yuanhang));
        assertThat(paid)
                .extracting(TimelineEntry::kind)
                .contains(TimelineEntry.Kind.PAYMENT, TimelineEntry.Kind.CHANGE);
        assertThat(paid)
                .filteredOn(e -> e.kind() == TimelineEntry.Kind.PAYMENT)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.receiptNo()).isEqualTo("R-SEARCH-701");
                    assertThat(p.year()).isEqualTo(YEAR - 1);
                    assertThat(p.amount()).isEqualByComparingTo(new BigDecimal("380"));
                });
        assertThat(paid)
                .filteredOn(e -> "enrollment".equals(e.field()))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.importKind()).isEqualTo(ExtractKind.INSURANCE_STATUS));
        assertThat(paid).extracting(TimelineEntry::at).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void onlyAdminsReadTheAccessLogWithMaskedNumbers() {
        security.as(COUNTY_CLERK, () -> directory.open(murong, "TEST_LOG"));
        List<PersonAccess> log = security.as(ADMIN, () -> directory.accessLog(murong, 0, 50));
        assertThat(log).isNotEmpty().allSatisfy(a -> {
            assertThat(a.maskedIdNumber()).isEqualTo(IdNumber.mask(murong));
            assertThat(a.personName()).isEqualTo("慕容远");
        });
        assertThat(log.get(0))
                .extracting(PersonAccess::username, PersonAccess::purpose)
                .containsExactly(COUNTY_CLERK, "TEST_LOG");
        assertThat(log.toString()).doesNotContain(murong);
        assertThat(security.as(ADMIN, () -> directory.countAccessLog(murong))).isEqualTo(log.size());
        assertThat(security.as(ADMIN, () -> directory.accessLog(COUNTY_CLERK, 0, 500)))
                .extracting(PersonAccess::personName)
                .contains("慕容远");

        assertThatThrownBy(() -> security.as(COUNTY_CLERK, () -> directory.accessLog(murong, 0, 50)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> security.as(TAOCHENG_CLERK, () -> directory.countAccessLog("")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void volunteersNeverSeePersonFiles() {
        security.ensureUser("volunteer.persons", COUNTY, Role.VOLUNTEER);
        assertThatThrownBy(
                        () -> security.as("volunteer.persons", () -> directory.search(PersonSearch.text("慕容"), 0, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> security.as("volunteer.persons", () -> directory.open(murong, "TEST")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theSearchConditionsCanUseTheirIndexes() {
        assertThat(plan(PersonSearch.text("司马远航"))).contains("person_name_chars");
        assertThat(plan(PersonSearch.text("司"))).contains("person_name_prefix");
        assertThat(plan(PersonSearch.text("13905957001"))).contains("person_mobile");
        assertThat(plan(PersonSearch.text(yuanhang))).contains("person_pkey");
        assertThat(plan(PersonSearch.ALL.withRegion(TAOCHENG))).contains("person_household", "person_residence");
    }

    /** The plan of the search's conditions with sequential scans priced out (the test tables are tiny). */
    private String plan(PersonSearch search) {
        PersonCriteria where = PersonCriteria.of(search, RegionScope.everything(), YEAR);
        return new TransactionTemplate(transactions).execute(status -> {
            jdbc.execute("set local enable_seqscan = off");
            return String.join(
                    "\n",
                    jdbc.queryForList(
                            "explain select p.id_number from person p where " + where.sql(),
                            String.class,
                            where.argArray()));
        });
    }

    private List<String> names(String user, PersonSearch search) {
        return security.as(user, () -> directory.search(search, 0, 50)).stream()
                .map(PersonRow::name)
                .toList();
    }

    private int accessRows(String id) {
        return jdbc.queryForObject("select count(*) from person_access where id_number = ?", Integer.class, id);
    }

    private String regionName(String code) {
        return SystemAccess.call(() -> regions.get(code).name());
    }

    private void importAs(ExtractKind kind, String name, String content) {
        ImportRun done = importer.importAs(COUNTY_CLERK, kind, name, content);
        assertThat(done.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(done.rowsRejected()).as("rejected rows of " + name).isZero();
    }
}
