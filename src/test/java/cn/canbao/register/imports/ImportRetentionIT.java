package cn.canbao.register.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportService;
import cn.canbao.register.RegisterException;
import cn.canbao.register.TestIds;
import cn.canbao.register.jobs.ImportRetentionJob;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Uploaded files and rejected rows are deleted by the nightly Quartz job once the retention period (30 days)
 * is over; the counts stay, the rejects download answers 410, younger imports are untouched, and a purge
 * broken off half-way is finished by the next run. Imports are aged by moving their finish time back.
 */
@CanbaoIntegrationTest
@AsSystem
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportRetentionIT extends IntegrationTestBase {

    private static final String CLERK = "rt.clerk.county";

    @LocalServerPort
    int port;

    @Autowired
    ImportService imports;

    @Autowired
    ImportRetention retention;

    @Autowired
    Scheduler scheduler;

    String village;

    @BeforeAll
    void clerk() {
        security.ensureUser(CLERK, "350525000000", Role.CLERK);
        village = firstBelow("350525103000", RegionLevel.VILLAGE);
    }

    @Test
    void anExpiredImportLosesItsFileAndRejectedRowsButKeepsItsCounts() throws Exception {
        assertThat(retention.retention()).isEqualTo(Duration.ofDays(30));
        ImportRun old = importWithRejects("retention-old.csv", 801);
        ImportRun recent = importWithRejects("retention-recent.csv", 802);
        Path oldFile = storedFile(old.id());
        Path recentFile = storedFile(recent.id());
        assertThat(oldFile).exists();
        age(old.id(), 31);
        age(recent.id(), 29);

        purgeThroughQuartzUntilPurged(old.id());

        assertThat(oldFile).doesNotExist();
        assertThat(rejectRows(old.id())).isZero();
        ImportRun purged = security.as(CLERK, () -> imports.get(old.id()));
        assertThat(purged.purgedAt()).isNotNull();
        assertThat(purged.rowsRead()).isEqualTo(3);
        assertThat(purged.rowsAccepted()).isEqualTo(1);
        assertThat(purged.rowsRejected()).isEqualTo(2);
        assertThat(purged.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(purgeAudit(old.id()))
                .hasSize(1)
                .first()
                .asString()
                .contains("system", "ALLOWED", "2 rejected rows deleted; file deleted");

        HttpAttacker clerk = HttpAttacker.basic(port, CLERK, SecurityTestSupport.PASSWORD);
        HttpResponse<String> gone = clerk.get("/api/imports/" + old.id() + "/rejects");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = HttpAttacker.json(gone);
        assertThat(problem.get("detail").asText()).contains("导入批次 " + old.id(), "按数据保留期限删除", "汇总数字仍保留");
        assertThat(problem.get("code").asText()).isEqualTo("register.rejects.purged");
        JsonNode summary = HttpAttacker.json(clerk.get("/api/imports/" + old.id()));
        assertThat(summary.get("rowsRejected").asInt()).isEqualTo(2);
        assertThat(summary.get("purgedAt").asText()).isNotBlank();
        assertThatThrownBy(() -> security.as(CLERK, () -> imports.rerun(old.id())))
                .isInstanceOf(RegisterException.class)
                .hasMessageContaining("register.import.purged");

        // the younger import keeps everything
        assertThat(recentFile).exists();
        assertThat(rejectRows(recent.id())).isEqualTo(2);
        assertThat(security.as(CLERK, () -> imports.get(recent.id())).purgedAt())
                .isNull();
        assertThat(clerk.get("/api/imports/" + recent.id() + "/rejects").statusCode())
                .isEqualTo(200);

        // once purged, a purge changes nothing
        SystemAccess.call(retention::purgeExpired);
        assertThat(purgeAudit(old.id())).hasSize(1);
        assertThat(security.as(CLERK, () -> imports.get(old.id())).purgedAt()).isEqualTo(purged.purgedAt());
    }

    @Test
    void aPurgeBrokenOffHalfWayIsFinishedByTheNextRun() throws Exception {
        ImportRun run = importWithRejects("retention-crash.csv", 803);
        Path file = storedFile(run.id());
        age(run.id(), 40);
        // what a crash after the first two steps leaves: rows and file gone, the import not yet marked
        jdbc.update("delete from import_reject where import_id = ?", run.id());
        Files.delete(file);

        purgeThroughQuartzUntilPurged(run.id());

        assertThat(purgeAudit(run.id()))
                .hasSize(1)
                .first()
                .asString()
                .contains("0 rejected rows deleted; file already gone");
        assertThat(security.as(CLERK, () -> imports.get(run.id())).rowsRejected())
                .isEqualTo(2);
    }

    @Test
    void aFileAYoungerRunStillNeedsIsKeptUntilThatOneExpiresToo() throws Exception {
        ImportRun first = importWithRejects("retention-rerun.csv", 804);
        ImportRun again = importer.awaitFinished(
                CLERK, security.as(CLERK, () -> imports.rerun(first.id())).id());
        Path file = storedFile(first.id());
        assertThat(storedFile(again.id())).isEqualTo(file);
        age(first.id(), 35);

        purgeThroughQuartzUntilPurged(first.id());

        assertThat(rejectRows(first.id())).isZero();
        assertThat(file).exists();
        assertThat(rejectRows(again.id())).isEqualTo(2);
        assertThat(purgeAudit(first.id())).first().asString().contains("file kept for a younger import");

        age(again.id(), 31);
        purgeThroughQuartzUntilPurged(again.id());
        assertThat(file).doesNotExist();
        assertThat(rejectRows(again.id())).isZero();
    }

    /** A police file of one good row and two rejected ones (bad check digit, bad date), imported and finished. */
    private ImportRun importWithRejects(String name, int sequence) {
        String good = TestIds.id("350525", LocalDate.of(1970, 1, 1), sequence);
        String other = TestIds.id("350525", LocalDate.of(1971, 2, 2), sequence);
        String badCheck = other.substring(0, 17) + (other.charAt(17) == '0' ? '1' : '0');
        ImportRun run = importer.importAs(
                CLERK,
                ExtractKind.POLICE_HOUSEHOLD,
                name,
                ExtractHeaders.POLICE_FULL
                        + good + ",留存人,在册,2000-01-01," + village + ",,,,,\n"
                        + badCheck + ",校验错,在册,2000-01-01," + village + ",,,,,\n"
                        + other + ",日期错,在册,2000-13-45," + village + ",,,,,\n");
        assertThat(run.rowsRejected()).isEqualTo(2);
        assertThat(rejectRows(run.id())).isEqualTo(2);
        return run;
    }

    /** Fires the nightly job now, through the clustered scheduler, and waits until the import's purge is done. */
    private void purgeThroughQuartzUntilPurged(long id) throws Exception {
        scheduler.triggerJob(new JobKey(ImportRetentionJob.Schedule.NAME, ImportRetentionJob.Schedule.GROUP));
        // the audit row is written last
        await().atMost(Duration.ofSeconds(60)).until(() -> !purgeAudit(id).isEmpty());
        assertThat(jdbc.queryForObject("select purged_at is not null from import_run where id = ?", Boolean.class, id))
                .isTrue();
    }

    private void age(long id, int days) {
        jdbc.update("update import_run set finished_at = now() - make_interval(days => ?) where id = ?", days, id);
    }

    private Path storedFile(long id) {
        return Path.of(jdbc.queryForObject("select stored_file from import_run where id = ?", String.class, id));
    }

    private int rejectRows(long id) {
        return jdbc.queryForObject("select count(*) from import_reject where import_id = ?", Integer.class, id);
    }

    private List<Map<String, Object>> purgeAudit(long id) {
        return jdbc.queryForList(
                "select actor, outcome, detail from security_audit where action = ? and subject = ?",
                ImportRetention.IMPORT_PURGED,
                String.valueOf(id));
    }
}
