package cn.canbao.register.directory;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.quota.Baseline;
import cn.canbao.quota.BaselineService;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.PersonFile;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.RegisterFigures;
import cn.canbao.register.RegisterService;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.PersonStatus;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sources the Yancheng pilot adds to the police data (issue 16): justice data takes persons in custody out of
 * the target's population and the outreach list until released; employees whose employee insurance stopped more
 * than 3 months ago become outreach candidates for resident insurance. Each asserted on the rows, the baseline of
 * the village, the outreach candidates and the person file.
 */
@CanbaoIntegrationTest
@AsSystem
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegisterSourcesIT extends IntegrationTestBase {

    @Autowired
    BaselineService baseline;

    @Autowired
    RegisterCandidates candidates;

    @Autowired
    RegisterFigures figures;

    @Autowired
    RegisterService register;

    @Autowired
    RegisterSources sources;

    @Autowired
    PersonDirectory directory;

    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    final int year = today.getYear();
    final String held = TestIds.id("350525", LocalDate.of(1971, 3, 3), 731);
    final String released = TestIds.id("350525", LocalDate.of(1972, 4, 4), 733);
    final String free = TestIds.id("350525", LocalDate.of(1973, 5, 5), 735);
    final String stopped = TestIds.id("350525", LocalDate.of(1974, 6, 6), 737);
    final String stoppedLately = TestIds.id("350525", LocalDate.of(1975, 7, 7), 739);
    final String resumed = TestIds.id("350525", LocalDate.of(1976, 8, 8), 741);
    String village;
    String grid;

    @BeforeAll
    void persons() {
        security.ensureUser("clerk.sources", "350525000000", Role.CLERK);
        List<cn.canbao.region.Region> villages =
                SystemAccess.call(() -> regions.descendantsAtLevel("350525112000", RegionLevel.VILLAGE));
        village = villages.get(villages.size() - 1).code();
        grid = SystemAccess.call(() -> regions.descendantsAtLevel(village, RegionLevel.GRID))
                .get(0)
                .code();
        StringBuilder police = new StringBuilder(ExtractHeaders.POLICE_WITH_GRID);
        for (String id : List.of(held, released, free, stopped, stoppedLately, resumed)) {
            police.append(id)
                    .append(",司法")
                    .append(id.substring(14, 17))
                    .append(",在册,2000-01-01,")
                    .append(village)
                    .append(',')
                    .append(village)
                    .append(',')
                    .append(grid)
                    .append('\n');
        }
        assertThat(importer.importAs("clerk.sources", ExtractKind.POLICE_HOUSEHOLD, "police.csv", police.toString())
                        .rowsAccepted())
                .isEqualTo(6);
        // the three employees are insured for the year through their employer
        String insurance = ExtractHeaders.INSURANCE
                + stopped + ",司法737," + year + ",职工,本地\n"
                + stoppedLately + ",司法739," + year + ",职工,本地\n"
                + resumed + ",司法741," + year + ",职工,本地\n";
        assertThat(importer.importAs("clerk.sources", ExtractKind.INSURANCE_STATUS, "insurance.csv", insurance)
                        .rowsAccepted())
                .isEqualTo(3);
    }

    @Test
    void personsInCustodyLeaveTheTargetsAndOutreachUntilReleased() {
        Baseline before = villageBaseline();
        assertThat(before.registered()).isEqualTo(6);
        assertThat(before.uninsured()).isEqualTo(3);
        String extract = ExtractHeaders.DETENTION
                + held + ",司法731,服刑," + today.minusYears(1) + ",,福建省某监狱\n"
                + released + ",司法733,在押," + today.minusYears(2) + "," + today.minusDays(10) + ",永春县看守所\n"
                + free + ",司法735,假释," + today.minusYears(1) + ",,\n"
                + TestIds.id("350525", LocalDate.of(1970, 1, 1), 743) + ",无此人,在押," + today + ",,\n";
        ImportRun run = importer.importAs("clerk.sources", ExtractKind.JUSTICE_CUSTODY, "justice.csv", extract);

        assertThat(run.rowsAccepted()).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select reason_key from import_reject where import_id = ? order by row_number",
                        String.class,
                        run.id()))
                .containsExactly("register.reject.code", "register.reject.unknownPerson");
        assertThat(jdbc.queryForList(
                        "select id_number || ' ' || kind || ' ' || coalesce(until::text, '-') "
                                + "from person_custody where import_id = ? order by id_number",
                        String.class,
                        run.id()))
                .containsExactly(held + " SENTENCED -", released + " DETAINED " + today.minusDays(10));
        // the one still held leaves the registered population (and with it the uninsured, the target's part);
        // the baseline says how many it left out
        Baseline after = villageBaseline();
        assertThat(after.registered()).isEqualTo(5);
        assertThat(after.uninsured()).isEqualTo(2);
        assertThat(baseline.inCustody(village, year)).isEqualTo(1);
        assertThat(figures.byGrid(village, year))
                .singleElement()
                .satisfies(g -> assertThat(g.uninsured()).isEqualTo(2));
        List<String> due = candidates.unenrolledResidents("350525000000", year).stream()
                .map(RegisterCandidates.UnenrolledResident::idNumber)
                .toList();
        assertThat(due).contains(released, free).doesNotContain(held);
        assertThat(register.eligibleForOutreach(held, year)).isFalse();
        assertThat(register.eligibleForOutreach(released, year)).isTrue();

        // the person file says why
        PersonSources file = security.as("clerk.sources", () -> sources.of(held));
        assertThat(file.custody()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("SENTENCED");
            assertThat(c.institution()).isEqualTo("福建省某监狱");
            assertThat(c.heldToday()).isTrue();
        });
        assertThat(security.as("clerk.sources", () -> sources.of(released)).custody())
                .singleElement()
                .satisfies(c -> assertThat(c.heldToday()).isFalse());

        // released: a later extract gives the release date, and the person counts again
        ImportRun release = importer.importAs(
                "clerk.sources",
                ExtractKind.JUSTICE_CUSTODY,
                "release.csv",
                "身份证号,姓名,羁押类型,起始日期,释放日期\n" + held + ",司法731,服刑," + today.minusYears(1) + "," + today + "\n");
        assertThat(release.rowsAccepted()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select new_value from person_change where import_id = ? and field = 'custody'",
                        String.class,
                        release.id()))
                .isEqualTo("SENTENCED " + today.minusYears(1) + " " + today + " 福建省某监狱");
        assertThat(villageBaseline().registered()).isEqualTo(6);
        assertThat(baseline.inCustody(village, year)).isZero();
        assertThat(register.eligibleForOutreach(held, year)).isTrue();
    }

    @Test
    void employeesSuspendedMoreThanThreeMonthsAreDueForResidentInsurance() {
        List<String> before = dueIds();
        assertThat(before).doesNotContain(stopped, stoppedLately, resumed);
        String extract = "身份证号,姓名,中止参保日期,恢复参保日期,单位名称\n"
                + stopped + ",司法737," + today.minusMonths(4) + ",,永春县某陶瓷厂\n"
                + stoppedLately + ",司法739," + today.minusMonths(1) + ",,永春县某茶厂\n"
                + resumed + ",司法741," + today.minusMonths(5) + "," + today.minusMonths(1) + ",永春县某纸厂\n"
                + resumed + ",司法741," + today.minusMonths(1) + "," + today.minusMonths(2) + ",永春县某纸厂\n";
        ImportRun run = importer.importAs("clerk.sources", ExtractKind.EMPLOYEE_SUSPENSION, "suspended.csv", extract);

        assertThat(run.rowsAccepted()).isEqualTo(3);
        assertThat(jdbc.queryForList(
                        "select reason_key from import_reject where import_id = ?", String.class, run.id()))
                .containsExactly("register.reject.dateOrder");
        assertThat(jdbc.queryForObject(
                        "select count(*) from employee_suspension where import_id = ?", Integer.class, run.id()))
                .isEqualTo(3);
        // more than 3 months and not resumed: due, though the employee enrollment of the year is still on file
        assertThat(dueIds()).contains(stopped).doesNotContain(stoppedLately, resumed);
        assertThat(register.eligibleForOutreach(stopped, year)).isTrue();
        assertThat(register.eligibleForOutreach(stoppedLately, year)).isFalse();
        // nor does the payment check end their outreach on that enrollment
        assertThat(candidates.enrolledFor(year, List.of(stopped, stoppedLately, resumed)))
                .containsExactlyInAnyOrder(stoppedLately, resumed);
        assertThat(figures.enrolledAmong(year, List.of(stopped, stoppedLately))).containsExactly(stoppedLately);
        assertThat(security.as("clerk.sources", () -> sources.of(stopped)).suspensions())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.dueForResident()).isTrue();
                    assertThat(s.employer()).isEqualTo("永春县某陶瓷厂");
                });
        assertThat(security.as("clerk.sources", () -> sources.of(resumed)).suspensions())
                .singleElement()
                .satisfies(s -> assertThat(s.dueForResident()).isFalse());
        // re-importing the same file changes nothing
        assertThat(importer.importAs("clerk.sources", ExtractKind.EMPLOYEE_SUSPENSION, "suspended.csv", extract)
                        .personsChanged())
                .isZero();
    }

    @Test
    void everyFileCarriesTheYanchengFileFieldsOnTheFileAndInTheExport() throws Exception {
        String number = jdbc.queryForObject("select file_number from person where id_number = ?", String.class, free);
        assertThat(number).matches("DA350525" + year + "[0-9]{8}");
        assertThat(jdbc.queryForObject(
                        "select count(distinct file_number) from person where id_number in " + "(?, ?, ?, ?, ?, ?)",
                        Integer.class,
                        held,
                        released,
                        free,
                        stopped,
                        stoppedLately,
                        resumed))
                .isEqualTo(6);
        PersonFile file = security.as("clerk.sources", () -> directory.open(free, PersonDirectory.PURPOSE_PERSON_VIEW));
        assertThat(file.fileNumber()).isEqualTo(number);
        assertThat(file.fileType()).isEqualTo("HOUSEHOLD");
        assertThat(file.fileMarker()).isEqualTo("POLICE");
        // a later extract does not renumber the file
        importer.importAs(
                "clerk.sources",
                ExtractKind.POLICE_HOUSEHOLD,
                "again.csv",
                ExtractHeaders.POLICE_WITH_ADDRESS + free + ",司法735,在册,2000-01-01," + village + "," + village + ","
                        + grid + ",新地址1号\n");
        assertThat(jdbc.queryForObject("select file_number from person where id_number = ?", String.class, free))
                .isEqualTo(number);

        java.io.StringWriter csv = new java.io.StringWriter();
        java.util.Map<String, String> labels =
                java.util.Map.of("person.fileType.HOUSEHOLD", "户籍在册", "person.fileMarker.POLICE", "公安户籍比对");
        security.as("clerk.sources", () -> {
            try {
                directory.exportCsv(
                        new PersonSearch(null, village, null, null, null, null, null),
                        csv,
                        key -> labels.getOrDefault(key, key));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(csv.toString().lines().filter(l -> l.startsWith(number)).toList())
                .singleElement()
                .isEqualTo(number + ",户籍在册,公安户籍比对,司法735," + IdNumber.mask(free) + ",persons.sex.MALE," + village + ","
                        + village + ",," + PersonStatus.ACTIVE.messageKey());
    }

    private List<String> dueIds() {
        return candidates.unenrolledResidents("350525000000", year).stream()
                .map(RegisterCandidates.UnenrolledResident::idNumber)
                .toList();
    }

    private Baseline villageBaseline() {
        baseline.refresh(year);
        return baseline.table(village, year).get(0);
    }
}
