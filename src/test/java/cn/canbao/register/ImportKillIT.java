package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 17: "an IT that kills the import midway and checks that nothing half-applied remains". The packaged jar runs
 * as a real deployment (prod profile, its own database, region list and first admin from the environment); a police
 * extract of {@value #PERSONS} persons is uploaded over REST; when the import reaches its merge phase — persons are
 * being written in its transaction — the JVM is killed with SIGKILL. Then: no person, change, enrollment or reject of
 * that import is in the database; the jar started again marks the import failed, telling the clerk in Chinese that
 * nothing was written; and the same file imported again is applied whole.
 */
@CanbaoIntegrationTest
class ImportKillIT extends IntegrationTestBase {

    private static final int PERSONS = 120_000;
    private static final String COUNTY = "350485";
    private static final String PASSWORD = "Kill-test-2026!";

    @Autowired
    Environment env;

    @Test
    void anImportKilledInItsMergeLeavesNothingAndTheRestartedNodeSaysSo() throws Exception {
        String killUrl = cn.canbao.PackagedJar.freshDatabase(env, jdbc, "_kill");
        Path folder = Path.of("target", "import-kill-run").toAbsolutePath();
        FileSystemUtils.deleteRecursively(folder);
        Files.createDirectories(folder);
        Path regions = folder.resolve("regions.csv");
        Files.writeString(regions, regionList(), StandardCharsets.UTF_8);
        byte[] extract = policeExtract();
        int port = cn.canbao.PackagedJar.freePort();
        SingleConnectionDataSource killDb = new SingleConnectionDataSource(
                killUrl,
                env.getRequiredProperty("spring.datasource.username"),
                env.getProperty("spring.datasource.password", ""),
                true);
        JdbcTemplate db = new JdbcTemplate(killDb);
        Process app = start(folder, killUrl, port, regions, "first");
        try {
            HttpAttacker admin = HttpAttacker.basic(port, "admin", PASSWORD)
                    .header("X-Forwarded-Proto", "https")
                    .header("Accept-Language", "zh-CN");
            HttpResponse<String> upload = admin.postMultipart(
                    "/api/imports", Map.of("kind", "POLICE_HOUSEHOLD"), "file", "police-120k.csv", extract);
            assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 202);
            long id = HttpAttacker.json(upload).get("id").asLong();

            // persons are being written in the import's transaction: kill the node (SIGKILL, no shutdown hook)
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> "MERGE"
                            .equals(db.queryForObject(
                                    "select coalesce(phase, status) from import_run where id = ?", String.class, id)));
            app.destroyForcibly();
            assertThat(app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            Map<String, Object> left = db.queryForMap("select status, applied_at from import_run where id = ?", id);
            assertThat(left.get("status")).as("a killed node writes no end").isEqualTo("RUNNING");
            assertThat(left.get("applied_at")).isNull();
            assertNothingOf(db, id);

            app = start(folder, killUrl, port, regions, "second");
            JsonNode after = await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> HttpAttacker.json(admin.get("/api/imports/" + id)),
                            run -> "FAILED".equals(run.get("status").asText()));
            assertThat(after.get("errorKey").asText()).isEqualTo("register.import.interrupted");
            assertThat(after.get("errorMessage").asText()).contains("导入被中断", "未写入任何数据", "可重新导入");
            assertNothingOf(db, id);

            HttpResponse<String> again = admin.postMultipart(
                    "/api/imports", Map.of("kind", "POLICE_HOUSEHOLD"), "file", "police-120k.csv", extract);
            long againId = HttpAttacker.json(again).get("id").asLong();
            JsonNode done = await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> HttpAttacker.json(admin.get("/api/imports/" + againId)),
                            run -> !List.of("QUEUED", "RUNNING")
                                    .contains(run.get("status").asText()));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("rowsAccepted").asInt()).isEqualTo(PERSONS);
            assertThat(db.queryForObject(
                            "select count(*) from person where household_region like ?", Integer.class, COUNTY + "%"))
                    .isEqualTo(PERSONS);
        } finally {
            cn.canbao.PackagedJar.stop(app);
            killDb.destroy();
            cn.canbao.PackagedJar.dropDatabase(env, jdbc, "_kill");
        }
    }

    private static void assertNothingOf(JdbcTemplate db, long id) {
        assertThat(db.queryForObject(
                        "select count(*) from person where household_region like ?", Integer.class, COUNTY + "%"))
                .as("persons of the killed import")
                .isZero();
        for (String table : List.of("person_change", "import_reject", "enrollment", "import_held_row")) {
            assertThat(db.queryForObject("select count(*) from " + table + " where import_id = ?", Integer.class, id))
                    .as(table + " rows of the killed import")
                    .isZero();
        }
    }

    /** Province, city, the test county, 3 townships of 8 villages each. */
    private static String regionList() {
        StringBuilder csv = new StringBuilder("code,name,level,parent_code,grid_kind,sector,household_population\n")
                .append("350000000000,福建省,PROVINCE,,,,\n")
                .append("350400000000,三明市,CITY,350000000000,,,\n")
                .append(COUNTY)
                .append("000000,断电县,COUNTY,350400000000,,,")
                .append(PERSONS)
                .append('\n');
        for (int t = 1; t <= 3; t++) {
            String township = COUNTY + "10" + t;
            csv.append(township)
                    .append("000,断电")
                    .append(t)
                    .append("镇,TOWNSHIP,")
                    .append(COUNTY)
                    .append("000000,,,\n");
            for (int v = 1; v <= 8; v++) {
                csv.append(village(t, v))
                        .append(",断电")
                        .append(t)
                        .append('-')
                        .append(v)
                        .append("村,VILLAGE,")
                        .append(township)
                        .append("000,,,\n");
            }
        }
        return csv.toString();
    }

    private static String village(int township, int village) {
        return COUNTY + "10" + township + String.format("%03d", village);
    }

    private static byte[] policeExtract() {
        StringBuilder csv = new StringBuilder(PERSONS * 80).append(ExtractHeaders.POLICE_FULL);
        LocalDate first = LocalDate.of(1940, 1, 1);
        for (int i = 0; i < PERSONS; i++) {
            String id = TestIds.id(COUNTY, first.plusDays(i / 900), i % 900 + 1);
            csv.append(id)
                    .append(",居民")
                    .append(i)
                    .append(",在册,2000-01-01,")
                    .append(village(i % 3 + 1, i / 3 % 8 + 1))
                    .append(",,,,,\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Process start(Path folder, String dbUrl, int port, Path regions, String run) throws IOException {
        return cn.canbao.PackagedJar.start(
                env,
                folder,
                dbUrl,
                port,
                Map.of(
                        "CANBAO_SETUP_REGIONS_FILE",
                        regions.toString(),
                        "CANBAO_SETUP_ADMIN_REGION",
                        COUNTY + "000000",
                        "CANBAO_SETUP_ADMIN_PASSWORD",
                        PASSWORD),
                folder.resolve("console-" + run + ".log"));
    }
}
