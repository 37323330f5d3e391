package cn.canbao.register;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.attack.RowFingerprint;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

/**
 * Issue 15, hole 7: the rejects CSV holds raw rows of whole files (ID numbers, phones, names). Only clerks
 * and admins whose scope covers the import read it; leaders see counts; every download is audited; no cell
 * of the CSV can become a spreadsheet formula; on-screen rows are masked.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectsLeakAttackIT extends IntegrationTestBase {

    private static final String CLERK = "rj.clerk.county";
    private static final String PASSWORD = SecurityTestSupport.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    ImportService imports;

    @Autowired
    RowFingerprint rows;

    String village;
    String grid;
    final String good = TestIds.id("350525", LocalDate.of(1983, 4, 14), 771);
    final String wrongCheck = wrongCheck(TestIds.id("350525", LocalDate.of(1984, 5, 15), 772));
    long importId;

    @BeforeAll
    void anImportWithRejectedRows() {
        SystemAccess.run(() -> {
            village = regions.descendantsAtLevel(TAOCHENG, RegionLevel.VILLAGE)
                    .get(0)
                    .code();
            grid = regions.descendantsAtLevel(village, RegionLevel.GRID).get(0).code();
        });
        security.ensureUser(CLERK, COUNTY, Role.CLERK);
        String csv = ExtractHeaders.POLICE_FULL
                + good + ",蔡文华,在册,2005-08-08," + village + ",,,,,\n"
                + wrongCheck + ",校验错,在册,2005-08-08," + village + ",,,,13905951234,\n"
                + "\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"点我\"\")\",钓鱼,在册,2005-08-08," + village + ",,,,,\n"
                + "=cmd|' /C calc'!A0,注入一,在册,2005-08-08," + village + ",,,,,\n"
                + "@SUM(1+1)*cmd|' /C calc'!A0,注入二,在册,2005-08-08," + village + ",,,,,\n"
                + "-2+3,注入三,在册,2005-08-08," + village + ",,,,,\n"
                + "+1+1,注入四,在册,2005-08-08," + village + ",,,,,\n";
        HttpResponse<String> started = HttpAttacker.basic(port, CLERK, PASSWORD)
                .postMultipart(
                        "/api/imports",
                        Map.of("kind", "police_household"),
                        "file",
                        "rejects-leak.csv",
                        csv.getBytes(StandardCharsets.UTF_8));
        assertThat(started.statusCode()).isEqualTo(202);
        importId = HttpAttacker.json(started).get("id").asLong();
        JsonNode done = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> HttpAttacker.json(
                                HttpAttacker.basic(port, CLERK, PASSWORD).get("/api/imports/" + importId)),
                        n -> n.get("status").asText().matches("SUCCEEDED|FAILED"));
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("rowsRejected").asInt()).isEqualTo(6);
    }

    @Test
    void noOtherRoleAndNoClerkOfAnotherTownshipGetsTheRawRows() {
        Map<String, Integer> attackers = Map.of(
                security.ensureUser("rj.leader.county", COUNTY, Role.COUNTY_LEADER), 403,
                security.ensureUser("rj.volunteer.county", COUNTY, Role.VOLUNTEER), 403,
                security.ensureUser("rj.leader.taocheng", TAOCHENG, Role.TOWNSHIP_LEADER), 403,
                security.ensureUser("rj.cadre.taocheng", village, Role.VILLAGE_CADRE), 403,
                security.ensureUser("rj.grid.taocheng", grid, Role.GRID_WORKER), 403,
                security.ensureUser("rj.volunteer.taocheng", TAOCHENG, Role.VOLUNTEER), 403,
                // a clerk, but the import's region is not theirs: as unknown as an import that does not exist
                security.ensureUser("rj.clerk.dongping", DONGPING, Role.CLERK), 404);
        Map<String, String> before = rows.of("import_run", "import_reject");

        attackers.forEach((user, status) -> {
            HttpResponse<String> response =
                    HttpAttacker.basic(port, user, PASSWORD).get("/api/imports/" + importId + "/rejects");
            assertThat(response.statusCode()).as(user).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(user)
                    .startsWith("application/problem+json");
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .as(user)
                    .isEmpty();
            assertThat(response.body())
                    .as(user)
                    .doesNotContain(wrongCheck, good, "HYPERLINK", "cmd|", "校验错", "行号", "13905951234");
            assertThat(audit(user)).as(user).containsExactly("REFUSED");
        });

        assertThat(rows.of("import_run", "import_reject")).isEqualTo(before);
    }

    @Test
    void leadersSeeTheCountsFieldRolesNothing() {
        security.ensureUser("rj.leader.county", COUNTY, Role.COUNTY_LEADER);
        HttpResponse<String> leader =
                HttpAttacker.basic(port, "rj.leader.county", PASSWORD).get("/api/imports/" + importId);
        assertThat(leader.statusCode()).isEqualTo(200);
        assertThat(HttpAttacker.json(leader).get("rowsRejected").asInt()).isEqualTo(6);
        assertThat(leader.body()).doesNotContain(wrongCheck, "HYPERLINK");

        for (var user : List.of(
                security.ensureUser("rj.volunteer.county", COUNTY, Role.VOLUNTEER),
                security.ensureUser("rj.cadre.taocheng", village, Role.VILLAGE_CADRE))) {
            assertThat(HttpAttacker.basic(port, user, PASSWORD)
                            .get("/api/imports/" + importId)
                            .statusCode())
                    .as(user)
                    .isEqualTo(403);
        }
        // the county's import lies outside a township
        security.ensureUser("rj.leader.taocheng", TAOCHENG, Role.TOWNSHIP_LEADER);
        assertThat(HttpAttacker.basic(port, "rj.leader.taocheng", PASSWORD)
                        .get("/api/imports/" + importId)
                        .statusCode())
                .isEqualTo(404);
        // nor through the service, whoever calls it (the view's grid)
        assertThatThrownBy(() -> security.as("rj.leader.county", () -> imports.rejects(importId, 10, Locale.ROOT)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theClerkGetsTheRawRowsAuditedWithNoCellAFormula() {
        HttpResponse<String> response =
                HttpAttacker.basic(port, CLERK, PASSWORD).get("/api/imports/" + importId + "/rejects");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .contains("import-" + importId + "-rejects.csv");
        assertThat(audit(CLERK)).contains("ALLOWED");
        // the download is for correcting the rows: raw, not masked
        assertThat(response.body()).contains(wrongCheck, "13905951234").doesNotContain(good);

        List<List<String>> records = parse(response.body().substring(1)); // after the BOM
        assertThat(records).hasSize(7);
        assertThat(records.get(0)).containsExactly("行号", "原因", "列", "值", "原始数据");
        for (List<String> record : records) {
            for (String cell : record) {
                assertThat(cell)
                        .as("a cell of %s", record)
                        .doesNotStartWith("=")
                        .doesNotStartWith("+")
                        .doesNotStartWith("-")
                        .doesNotStartWith("@")
                        .doesNotStartWith("\t")
                        .doesNotStartWith("\r");
            }
        }
        List<String> raw = records.stream().skip(1).map(r -> r.get(4)).toList();
        assertThat(raw)
                .anyMatch(c -> c.startsWith("\"=HYPERLINK(\"\"http://evil.example/\"\""))
                .anyMatch(c -> c.startsWith("'=cmd|' /C calc'!A0,注入一"))
                .anyMatch(c -> c.startsWith("'@SUM(1+1)"))
                .anyMatch(c -> c.startsWith("'-2+3,注入三"))
                .anyMatch(c -> c.startsWith("'+1+1,注入四"));
    }

    @Test
    void theOnScreenRowsMaskIdAndMobileNumbers() {
        List<ImportService.Reject> shown = security.as(CLERK, () -> imports.rejects(importId, 10, Locale.CHINA));
        assertThat(shown).hasSize(6);
        ImportService.Reject checkDigit = shown.get(0);
        assertThat(checkDigit.rowNumber()).isEqualTo(3);
        assertThat(checkDigit.reason() + checkDigit.raw())
                .doesNotContain(wrongCheck, "13905951234")
                .contains(IdNumber.mask(wrongCheck), "139****1234", "校验错");
    }

    private List<String> audit(String user) {
        return jdbc.queryForList(
                "select outcome from security_audit where action = ? and subject = ? and actor = ? " + "order by id",
                String.class,
                ImportService.REJECTS_DOWNLOADED,
                String.valueOf(importId),
                user);
    }

    /** RFC 4180 records, as a spreadsheet reads them: a cell's value without its quoting. */
    static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return records;
    }

    private static String wrongCheck(String id) {
        char check = id.charAt(17);
        return id.substring(0, 17) + (check == '0' ? '1' : '0');
    }
}
