package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.TestCounty;
import cn.canbao.security.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Progress per phase and cancelling (issue 17, point 8): a finished import has the time of each phase; a clerk cancels
 * a running import of 200,000 rows and a queued one behind it — both end CANCELLED and nothing of them is written.
 */
@CanbaoIntegrationTest
class ImportProgressIT extends IntegrationTestBase {

    static final TestCounty AREA = new TestCounty("350589");
    static final String COUNTY = AREA.code();
    static final String VILLAGE = AREA.village(1, 1);
    static final String CLERK = "clerk.progress";

    @Autowired
    ImportService imports;

    @BeforeEach
    void county() {
        AREA.createWithoutGrids(regions, "进度测试县", new TestCounty.Township("己镇", "己一村"));
        security.ensureUser(CLERK, COUNTY, Role.CLERK);
    }

    @Test
    void aFinishedImportHasTheTimeOfEachPhase() {
        ImportRun run = importer.importAs(
                CLERK,
                ExtractKind.POLICE_HOUSEHOLD,
                "phases.csv",
                ExtractHeaders.POLICE_BASIC + TestIds.id("350589", LocalDate.of(1990, 1, 1), 1) + ",甲,在册,2020-01-01,"
                        + VILLAGE + "\n");
        assertThat(run.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(run.phase()).isNull();
        assertThat(run.phaseMillis()).containsOnlyKeys("READ", "CHECK", "MERGE", "COVERAGE");
        assertThat(run.phaseMillis().values()).allMatch(ms -> ms >= 0);
        assertThat(run.rowsPerSecond(run.finishedAt())).isPositive();
    }

    @Test
    void aClerkCancelsARunningImportAndAQueuedOneAndNothingOfThemIsWritten() {
        StringBuilder csv = new StringBuilder(ExtractHeaders.POLICE_BASIC);
        int rows = 200_000;
        LocalDate first = LocalDate.of(1940, 1, 1);
        for (int i = 0; i < rows; i++) {
            csv.append(TestIds.id("350589", first.plusDays(i / 900), 100 + i % 900))
                    .append(",某,在册,2020-01-01,")
                    .append(VILLAGE)
                    .append('\n');
        }
        byte[] big = csv.toString().getBytes(StandardCharsets.UTF_8);
        ImportRun running = security.as(
                CLERK, () -> imports.start(ExtractKind.POLICE_HOUSEHOLD, "big.csv", new ByteArrayInputStream(big)));
        // one worker per node: the second waits in the queue behind the first
        ImportRun queued = security.as(
                CLERK, () -> imports.start(ExtractKind.POLICE_HOUSEHOLD, "queued.csv", new ByteArrayInputStream(big)));
        assertThat(security.as(CLERK, () -> imports.cancel(queued.id())).status())
                .isEqualTo(ImportRun.Status.CANCELLED);

        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> security.as(CLERK, () -> imports.get(running.id())),
                        r -> r.rowsRead() >= 10_000 && "READ".equals(r.phase()));
        security.as(CLERK, () -> imports.cancel(running.id()));
        ImportRun cancelled = importer.awaitFinished(CLERK, running.id());
        assertThat(cancelled.status()).isEqualTo(ImportRun.Status.CANCELLED);
        assertThat(cancelled.rowsRead()).isLessThan(rows);
        assertThat(jdbc.queryForObject(
                        "select count(*) from person where household_region = ?", Integer.class, VILLAGE))
                .isLessThanOrEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from person where created_import in (?, ?)",
                        Integer.class,
                        running.id(),
                        queued.id()))
                .isZero();
        assertThat(security.as(CLERK, () -> imports.get(queued.id())).startedAt())
                .isNull();
        // a finished import cannot be cancelled
        assertThatThrownBy(() -> security.as(CLERK, () -> imports.cancel(running.id())))
                .isInstanceOf(RegisterException.class)
                .hasMessageContaining("register.import.notRunning");
    }

    /** A hostile workbook (issue 17, point 7): the import ends FAILED with the reason in Chinese; nothing is written. */
    @Test
    void aHostileWorkbookFailsWithItsReasonAndWritesNothing() throws Exception {
        String id = TestIds.id("350589", LocalDate.of(1991, 2, 2), 2);
        byte[] hostile = cn.canbao.register.extract.HostileXlsx.withRows(cn.canbao.register.extract.HostileXlsx.row(
                        1, "A1", "身份证号", "B1", "姓名", "C1", "变动类型", "D1", "变动日期", "E1", "户籍地区划")
                + cn.canbao.register.extract.HostileXlsx.row(
                        2, "A2", id, "B2", "乙", "C2", "在册", "D2", "2020-01-01", "E2", VILLAGE)
                + cn.canbao.register.extract.HostileXlsx.row(3, "A3", id, "XFD3", "x"));
        ImportRun run = importer.importAs(CLERK, ExtractKind.POLICE_HOUSEHOLD, "hostile.xlsx", hostile);
        assertThat(run.status()).isEqualTo(ImportRun.Status.FAILED);
        assertThat(run.errorKey()).isEqualTo("extract.file.tooManyColumns");
        assertThat(security.as(CLERK, () -> imports.errorText(run, java.util.Locale.SIMPLIFIED_CHINESE)))
                .contains("XFD3")
                .contains("未导入任何数据");
        assertThat(jdbc.queryForObject("select count(*) from person where id_number = ?", Integer.class, id))
                .isZero();
    }
}
