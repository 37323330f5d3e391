package cn.canbao.fasttrack;

import static cn.canbao.fasttrack.FastTrackTestCounty.COUNTY;
import static cn.canbao.fasttrack.FastTrackTestCounty.grid;
import static cn.canbao.fasttrack.FastTrackTestCounty.township;
import static cn.canbao.fasttrack.FastTrackTestCounty.village;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.DomainException;
import cn.canbao.fasttrack.process.HardshipEnrolmentProcess;
import cn.canbao.fasttrack.process.NewbornEnrolmentProcess;
import cn.canbao.policy.RuleSetFixtures;
import cn.canbao.policy.RuleSetService;
import cn.canbao.quota.BaselineService;
import cn.canbao.quota.GroupCoverage;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.RegisterCandidates.UnenrolledResident;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.HardshipCategory;
import cn.canbao.register.person.PersonGroup;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fast tracks through real extract files: births start one task for the grid worker of the mother's
 * grid, ended by an insurance import or by the task itself; hardship lists start clerk tasks for the
 * members not enrolled; the 100% rows of the baseline count a seeded set. Each test has its own township
 * of a county without campaigns, so the enrollment year is the calendar year.
 */
@CanbaoIntegrationTest
class FastTrackIT extends FastTrackTestBase {

    static final String CLERK = "clerk.fasttrack";
    static final String GRID_WORKER = "gw.fasttrack";

    @Autowired
    BaselineService baseline;

    @Autowired
    RuleSetService ruleSets;

    @Autowired
    RegisterCandidates candidates;

    @BeforeAll
    void countyAndUsers() {
        countyWithUsers(CLERK, GRID_WORKER, grid(1, 2));
        // 分类资助 of the county's rule set: 特困, 低保 and 孤儿 in full, 监测对象 a fixed 100 yuan (300 left to pay)
        RuleSetFixtures.save(
                ruleSets,
                RuleSetFixtures.county(
                        COUNTY,
                        year,
                        null,
                        Map.of(
                                HardshipCategory.TEKUN,
                                RuleSetFixtures.full(),
                                HardshipCategory.DIBAO,
                                RuleSetFixtures.full(),
                                HardshipCategory.ORPHAN,
                                RuleSetFixtures.full(),
                                HardshipCategory.MONITORED,
                                RuleSetFixtures.fixed(100))));
    }

    @Test
    void aBirthStartsOneTaskForTheGridWorkerOfTheMothersGridEndedByImportOrByTheTask() {
        String mother = TestIds.id("350598", LocalDate.of(1994, 4, 4), 102);
        String father = TestIds.id("350598", LocalDate.of(1990, 1, 1), 101);
        String first = TestIds.id("350598", today.minusDays(20), 111);
        String second = TestIds.id("350598", today.minusDays(10), 113);
        String noMother = TestIds.id("350598", today.minusDays(5), 115);
        String badMother = TestIds.id("350598", today.minusDays(5), 117);
        String maleMother = TestIds.id("350598", today.minusDays(5), 119);
        String wrongCheck = mother.substring(0, 17) + (mother.charAt(17) == '1' ? '2' : '1');
        ImportRun police = police(
                "births.csv",
                mother + ",林美华,在册,2012-01-01," + village(1, 2) + "," + village(1, 2) + "," + grid(1, 2)
                        + ",二村5号,13905980001,\n"
                        + first + ",林小一,出生," + today.minusDays(20) + "," + village(1, 1) + ",,,,," + mother + "\n"
                        + second + ",林小二,出生," + today.minusDays(10) + "," + village(1, 1) + "," + village(1, 1) + ","
                        + grid(1, 1) + ",,," + mother + "\n"
                        + noMother + ",林小三,出生," + today.minusDays(5) + "," + village(1, 1) + ",,,,,\n"
                        + badMother + ",林小四,出生," + today.minusDays(5) + "," + village(1, 1) + ",,,,," + wrongCheck
                        + "\n"
                        + maleMother + ",林小五,出生," + today.minusDays(5) + "," + village(1, 1) + ",,,,," + father + "\n");

        // the births without a usable mother's ID are refused with their reason and change nothing
        assertThat(police.rowsAccepted()).isEqualTo(3);
        assertThat(jdbc.queryForList(
                        "select row_number || ' ' || reason_key from import_reject where import_id = ? "
                                + "order by row_number",
                        String.class,
                        police.id()))
                .containsExactly(
                        "5 register.reject.motherIdMissing",
                        "6 register.reject.motherIdInvalid",
                        "7 register.reject.motherIdNotMother");
        assertThat(rowsOf("person", noMother, badMother, maleMother)).isZero();
        assertThat(rowsOf("person_group", noMother, badMother, maleMother)).isZero();
        assertThat(rowsOf("fast_track", noMother, badMother, maleMother)).isZero();

        // a birth without a grid lives in the mother's grid; each newborn is in the NEWBORN group
        assertThat(jdbc.queryForMap(
                        "select residence_region, grid_code, mother_id_number from person where id_number = ?", first))
                .containsEntry("residence_region", village(1, 2))
                .containsEntry("grid_code", grid(1, 2))
                .containsEntry("mother_id_number", mother);
        assertThat(jdbc.queryForObject("select grid_code from person where id_number = ?", String.class, second))
                .isEqualTo(grid(1, 1));
        assertThat(jdbc.queryForList(
                        "select id_number from person_group where grp = 'NEWBORN' and id_number in (?, ?) "
                                + "order by id_number",
                        String.class,
                        first,
                        second))
                .containsExactlyInAnyOrder(first, second);

        Task firstTask = openTask(first);
        assertThat(firstTask.getName()).isEqualTo("新生儿参保登记（林小一）");
        assertThat(candidateGroups(firstTask)).containsExactly("grid-worker:" + grid(1, 2));
        assertThat(firstTask.getDueDate().toInstant())
                .isBetween(
                        Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
        assertThat(candidateGroups(openTask(second))).containsExactly("grid-worker:" + grid(1, 1));

        // never two live processes for one newborn
        assertThat(tracks.startNewbornTracks(police.id())).isZero();
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(NewbornEnrolmentProcess.KEY)
                        .processInstanceBusinessKey(trackId(first))
                        .count())
                .isEqualTo(1);

        // at the due date the open task is reminded (moves up) and stays open
        var timer = management
                .createJobQuery()
                .processInstanceId(firstTask.getProcessInstanceId())
                .timers()
                .singleResult();
        management.executeJob(timer.getId());
        assertThat(tasks.createTaskQuery()
                        .taskId(firstTask.getId())
                        .singleResult()
                        .getPriority())
                .isEqualTo(80);

        // an insurance extract enrolling the second newborn ends its process
        String secondInstance = openTask(second).getProcessInstanceId();
        insurance("newborn-insured.csv", second + ",林小二," + year + ",居民,本地\n");
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(secondInstance)
                        .count())
                .isZero();
        assertThat(jdbc.queryForObject("select ended_by from fast_track where id_number = ?", String.class, second))
                .isEqualTo("IMPORT");

        // the grid worker sees the mother (masked) and records the enrolment with the birth certificate
        FastTrack shown = security.as(GRID_WORKER, () -> tracks.track(Long.parseLong(trackId(first))));
        assertThat(shown.motherName()).isEqualTo("林美华");
        assertThat(shown.maskedMotherIdNumber())
                .isEqualTo(mother.substring(0, 4) + "**********" + mother.substring(14));
        assertThat(shown.maskedMotherMobile()).isEqualTo("139****0001");
        assertThatThrownBy(() -> security.as(
                        GRID_WORKER,
                        () -> inbox.complete(
                                firstTask.getId(),
                                Map.of(
                                        NewbornEnrolmentProcess.VAR_BIRTH_CERTIFICATE,
                                        "出生证",
                                        NewbornEnrolmentProcess.VAR_SCHEME,
                                        "RESIDENT",
                                        NewbornEnrolmentProcess.VAR_ENROLLED_ON,
                                        today.toString()))))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("fastTrack.badCertificate"));
        assertThat(tasks.createTaskQuery().taskId(firstTask.getId()).count()).isEqualTo(1);

        security.as(
                GRID_WORKER,
                () -> inbox.complete(
                        firstTask.getId(),
                        Map.of(
                                NewbornEnrolmentProcess.VAR_BIRTH_CERTIFICATE,
                                "p350123456",
                                NewbornEnrolmentProcess.VAR_SCHEME,
                                "RESIDENT",
                                NewbornEnrolmentProcess.VAR_ENROLLED_ON,
                                today.toString())));
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(firstTask.getProcessInstanceId())
                        .count())
                .isZero();
        assertThat(jdbc.queryForMap(
                        "select ended_by, ended_user, birth_certificate from fast_track where id_number = ?", first))
                .containsEntry("ended_by", "TASK")
                .containsEntry("ended_user", GRID_WORKER)
                .containsEntry("birth_certificate", "P350123456");
        assertThat(jdbc.queryForObject(
                        "select year || ' ' || scheme || ' ' || place || ' ' || paid_date || ' ' "
                                + "|| subsidised from enrollment where id_number = ?",
                        String.class,
                        first))
                .isEqualTo(year + " RESIDENT LOCAL " + today + " false");
        assertThat(jdbc.queryForObject(
                        "select changed_by from person_change where id_number = ? and field = 'enrollment'",
                        String.class,
                        first))
                .isEqualTo(GRID_WORKER);
    }

    @Test
    void aHardshipListStartsClerkTasksForTheMembersNotEnrolledOnly() {
        String enrolled = TestIds.id("350598", LocalDate.of(1960, 2, 1), 201);
        String notEnrolled = TestIds.id("350598", LocalDate.of(1961, 2, 1), 203);
        String formerMember = TestIds.id("350598", LocalDate.of(1962, 2, 1), 205);
        String twoCategories = TestIds.id("350598", LocalDate.of(1963, 2, 1), 207);
        String partlyFunded = TestIds.id("350598", LocalDate.of(1964, 2, 1), 209);
        List<String> all = List.of(enrolled, notEnrolled, formerMember, twoCategories, partlyFunded);
        police(
                "hardship-people.csv",
                enrolled + ",陈一,在册,2000-01-01," + village(2, 1) + ",,,,,\n"
                        + notEnrolled + ",陈二,在册,2000-01-01," + village(2, 1) + ",,,,,\n"
                        + formerMember + ",陈三,在册,2000-01-01," + village(2, 1) + ",,,,,\n"
                        + twoCategories + ",陈四,在册,2000-01-01," + village(2, 1) + ",,,,,\n"
                        + partlyFunded + ",陈五,在册,2000-01-01," + village(2, 1) + ",,,,,\n");
        insurance("hardship-insured.csv", enrolled + ",陈一," + year + ",居民,本地\n");
        String list = ExtractHeaders.HARDSHIP + enrolled + ",陈一,低保,2020-01-01,\n"
                + notEnrolled + ",陈二,特困,2020-01-01,\n"
                + formerMember + ",陈三,孤儿,2018-01-01,2021-12-31\n"
                + twoCategories + ",陈四,低保,2020-01-01,\n"
                + twoCategories + ",陈四,重度残疾,2020-06-01,\n"
                + partlyFunded + ",陈五,监测对象,2020-06-01,\n";
        importer.importAs(CLERK, ExtractKind.HARDSHIP, "hardship.csv", list);

        // fully funded members are the clerk's; the 监测对象 with 300 yuan of their own to pay is not (outreach reminds
        // them)
        assertThat(liveTracks("HARDSHIP", all)).containsExactlyInAnyOrder(notEnrolled, twoCategories);
        for (String member : List.of(notEnrolled, twoCategories)) {
            assertThat(candidateGroups(openTask(member))).containsExactly("clerk:" + COUNTY);
        }
        assertThat(openTask(notEnrolled).getName()).isEqualTo("困难群体资助参保（陈二）");

        // the same list again starts nothing more
        importer.importAs(CLERK, ExtractKind.HARDSHIP, "hardship-again.csv", list);
        assertThat(rowsOf("fast_track", all.toArray(String[]::new))).isEqualTo(2);

        // the outreach starter's own list (RegisterCandidates) marks the current members, not the one who left the
        // list; the enrolled member is not due at all, and the register still counts them a member
        Map<String, Boolean> hardshipMarks =
                security.as(CLERK, () -> candidates.unenrolledResidents(COUNTY, year)).stream()
                        .filter(r -> all.contains(r.idNumber()))
                        .collect(Collectors.toMap(UnenrolledResident::idNumber, UnenrolledResident::hardship));
        assertThat(hardshipMarks)
                .containsOnly(
                        entry(notEnrolled, true),
                        entry(twoCategories, true),
                        entry(partlyFunded, true),
                        entry(formerMember, false));
        assertThat(security.as(CLERK, () -> candidates.hardshipCategories(enrolled)))
                .containsExactly("DIBAO");
        assertThat(security.as(CLERK, () -> candidates.hardshipCategories(formerMember)))
                .isEmpty();

        // the clerk enrols by subsidy: amount 0, marked subsidised
        Task task = openTask(notEnrolled);
        FastTrack shown = security.as(CLERK, () -> tracks.track(Long.parseLong(trackId(notEnrolled))));
        assertThat(shown.hardshipCategories()).containsExactly("TEKUN");
        security.as(
                CLERK,
                () -> inbox.complete(task.getId(), Map.of(HardshipEnrolmentProcess.VAR_ENROLLED_ON, today.toString())));
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(task.getProcessInstanceId())
                        .count())
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select scheme || ' ' || place || ' ' || amount || ' ' || subsidised "
                                + "from enrollment where id_number = ? and year = ?",
                        String.class,
                        notEnrolled,
                        year))
                .isEqualTo("RESIDENT LOCAL 0.00 true");

        // an import showing the other enrolled ends the other
        String other = openTask(twoCategories).getProcessInstanceId();
        insurance("hardship-insured-2.csv", twoCategories + ",陈四," + year + ",居民,本地\n");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(other).count())
                .isZero();
        assertThat(jdbc.queryForList(
                        "select id_number || ' ' || ended_by from fast_track where id_number in (?, ?)",
                        String.class,
                        notEnrolled,
                        twoCategories))
                .containsExactlyInAnyOrder(notEnrolled + " TASK", twoCategories + " IMPORT");
    }

    @Test
    void theHundredPercentRowsCountMembersAndEnrolledOfTheYear() {
        String mother = TestIds.id("350598", LocalDate.of(1990, 3, 3), 302);
        String bornEnrolled = TestIds.id("350598", today.minusDays(30), 311);
        String bornNotEnrolled = TestIds.id("350598", today.minusDays(40), 313);
        LocalDate longAgo = LocalDate.of(year - 2, 1, 15);
        String bornTwoYearsAgo = TestIds.id("350598", longAgo, 315);
        String twoCategories = TestIds.id("350598", LocalDate.of(1970, 1, 1), 321);
        String notEnrolled = TestIds.id("350598", LocalDate.of(1971, 1, 1), 323);
        String leftTheList = TestIds.id("350598", LocalDate.of(1972, 1, 1), 325);
        String enrolledLastYearOnly = TestIds.id("350598", LocalDate.of(1973, 1, 1), 327);
        police(
                "seeded.csv",
                mother + ",王母,在册,2010-01-01," + village(3, 1) + ",,,,,\n"
                        + bornEnrolled + ",王甲,出生," + today.minusDays(30) + "," + village(3, 1) + ",,,,," + mother + "\n"
                        + bornNotEnrolled + ",王乙,出生," + today.minusDays(40) + "," + village(3, 1) + ",,,,," + mother
                        + "\n"
                        + bornTwoYearsAgo + ",王丙,出生," + longAgo + "," + village(3, 2) + ",,,,," + mother + "\n"
                        + twoCategories + ",王丁,在册,2000-01-01," + village(3, 1) + ",,,,,\n"
                        + notEnrolled + ",王戊,在册,2000-01-01," + village(3, 2) + ",,,,,\n"
                        + leftTheList + ",王己,在册,2000-01-01," + village(3, 2) + ",,,,,\n"
                        + enrolledLastYearOnly + ",王庚,在册,2000-01-01," + village(3, 2) + ",,,,,\n");
        insurance(
                "seeded-insured.csv",
                bornEnrolled + ",王甲," + year + ",居民,本地\n"
                        + twoCategories + ",王丁," + year + ",居民,本地\n"
                        + enrolledLastYearOnly + ",王庚," + (year - 1) + ",居民,本地\n");
        importer.importAs(
                CLERK,
                ExtractKind.HARDSHIP,
                "seeded-hardship.csv",
                ExtractHeaders.HARDSHIP
                        + twoCategories + ",王丁,低保,2020-01-01,\n"
                        + twoCategories + ",王丁,重度残疾,2020-01-01,\n"
                        + notEnrolled + ",王戊,特困,2020-01-01,\n"
                        + leftTheList + ",王己,孤儿,2018-01-01," + (year - 2) + "-12-31\n"
                        + enrolledLastYearOnly + ",王庚,低保,2020-01-01,\n");
        baseline.refresh(year);

        List<GroupCoverage> rows = security.as(CLERK, () -> baseline.groupTable(township(3), year));
        assertThat(rows)
                .extracting(
                        GroupCoverage::group,
                        GroupCoverage::regionCode,
                        GroupCoverage::registered,
                        GroupCoverage::enrolled,
                        GroupCoverage::remaining)
                .containsExactly(
                        tuple(PersonGroup.NEWBORN, township(3), 2, 1, 1),
                        tuple(PersonGroup.NEWBORN, village(3, 1), 2, 1, 1),
                        tuple(PersonGroup.NEWBORN, village(3, 2), 0, 0, 0),
                        tuple(PersonGroup.HARDSHIP, township(3), 3, 1, 2),
                        tuple(PersonGroup.HARDSHIP, village(3, 1), 1, 1, 0),
                        tuple(PersonGroup.HARDSHIP, village(3, 2), 2, 0, 2));
        assertThat(rows.get(0).coverageRate()).hasToString("50.00");
        assertThat(rows.get(2).coverageRate()).hasToString("100.00");
        assertThat(rows.get(3).coverageRate()).hasToString("33.33");
    }

    /** Imports police household rows (under the full header) as the county's clerk. */
    /** How many rows of the table (person, person_group, fast_track) are of these persons. */
    private int rowsOf(String table, String... idNumbers) {
        return jdbc.queryForObject(
                "select count(*) from " + table + " where id_number = any(?)", Integer.class, (Object) idNumbers);
    }

    private ImportRun police(String name, String rows) {
        return importer.importAs(CLERK, ExtractKind.POLICE_HOUSEHOLD, name, ExtractHeaders.POLICE_FULL + rows);
    }

    /** Imports insurance rows as the county's clerk. */
    private ImportRun insurance(String name, String rows) {
        return importer.importAs(CLERK, ExtractKind.INSURANCE_STATUS, name, ExtractHeaders.INSURANCE + rows);
    }

    private Task openTask(String idNumber) {
        // the track's id is the business key; other processes' keys (a case's, a campaign's id) may be the same number
        return tasks.createTaskQuery()
                .processDefinitionKeyIn(NewbornEnrolmentProcess.KEY, HardshipEnrolmentProcess.KEY)
                .processInstanceBusinessKey(trackId(idNumber))
                .singleResult();
    }

    private String trackId(String idNumber) {
        return jdbc.queryForObject(
                "select id::text from fast_track where id_number = ? order by id desc limit 1", String.class, idNumber);
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> l.getGroupId() != null)
                .map(l -> l.getGroupId())
                .collect(Collectors.toList());
    }

    private List<String> liveTracks(String kind, List<String> ids) {
        return jdbc.queryForList(
                "select id_number from fast_track where kind = ? and ended_at is null "
                        + "and id_number = any(?::char(18)[])",
                String.class,
                kind,
                "{" + String.join(",", ids) + "}");
    }
}
