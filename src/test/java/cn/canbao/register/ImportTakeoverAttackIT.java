package cn.canbao.register;

import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.Yongchun;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15, hole 3: a township clerk imports police rows about residents of another township — re-registering
 * one under a new name, moving one in, recording a death — and insurance, payment, hardship and school rows
 * about another. Nothing of those persons changes: the rows are refused with their reasons, the moves become
 * transfer requests that only the other side (or the county) can approve, and approving one moves the person
 * with change-log rows, while the requester approving their own request is refused with 403.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTakeoverAttackIT extends IntegrationTestBase {

    static final String DAPU = Yongchun.township(3);
    static final String TAOCHENG_CLERK = "clerk.takeover.taocheng";
    static final String DONGPING_CLERK = "clerk.takeover.dongping";
    static final String DAPU_CLERK = "clerk.takeover.dapu";
    static final String COUNTY_CLERK = "clerk.takeover.county";

    @LocalServerPort
    int port;

    // residents of 东平镇: re-registered, moved in, declared dead, renamed in place, insured and paid
    final String reregistered = TestIds.id("350525", LocalDate.of(1958, 3, 1), 611);
    final String movedIn = TestIds.id("350525", LocalDate.of(1958, 3, 2), 622);
    final String dead = TestIds.id("350525", LocalDate.of(1958, 3, 3), 631);
    final String renamed = TestIds.id("350525", LocalDate.of(1958, 3, 4), 642);
    final String insured = TestIds.id("350525", LocalDate.of(1958, 3, 5), 651);
    final String waiting = TestIds.id("350525", LocalDate.of(1958, 3, 7), 672);
    // a resident of 桃城镇 whom the 桃城镇 clerk moves out to 东平镇
    final String movedOut = TestIds.id("350525", LocalDate.of(1958, 3, 6), 662);
    List<String> dongpingResidents;

    String tc;
    String tc2;
    String tcGrid;
    String dp1;
    String dp2;

    @BeforeAll
    void residentsOfBothTownships() {
        tc = firstBelow(TAOCHENG, RegionLevel.VILLAGE);
        tc2 = below(TAOCHENG, RegionLevel.VILLAGE, 1);
        tcGrid = firstBelow(tc, RegionLevel.GRID);
        dp1 = firstBelow(DONGPING, RegionLevel.VILLAGE);
        dp2 = below(DONGPING, RegionLevel.VILLAGE, 1);
        security.ensureUser(TAOCHENG_CLERK, TAOCHENG, Role.CLERK);
        security.ensureUser(DONGPING_CLERK, DONGPING, Role.CLERK);
        security.ensureUser(DAPU_CLERK, DAPU, Role.CLERK);
        security.ensureUser(COUNTY_CLERK, "350525000000", Role.CLERK);
        dongpingResidents = List.of(reregistered, movedIn, dead, renamed, insured);
        ImportRun seeded = importer.importAs(
                COUNTY_CLERK,
                ExtractKind.POLICE_HOUSEHOLD,
                "seed.csv",
                ExtractHeaders.POLICE_WITH_ADDRESS
                        + reregistered + ",郑德华,在册,1980-01-01," + dp1 + "," + dp1 + ",,东平路1号\n"
                        + movedIn + ",郑德明,在册,1980-01-01," + dp1 + "," + dp1 + ",,东平路2号\n"
                        + dead + ",郑德光,在册,1980-01-01," + dp1 + "," + dp1 + ",,东平路3号\n"
                        + renamed + ",郑德辉,在册,1980-01-01," + dp2 + "," + dp2 + ",,东平路4号\n"
                        + insured + ",郑德秀,在册,1980-01-01," + dp2 + "," + dp2 + ",,东平路5号\n"
                        + movedOut + ",林桃生,在册,1980-01-01," + tc + "," + tc + "," + tcGrid + ",桃城路6号\n"
                        + waiting + ",郑德安,在册,1980-01-01," + dp2 + "," + dp2 + ",,东平路7号\n");
        assertThat(seeded.rowsAccepted()).isEqualTo(7);
        importer.importAs(
                COUNTY_CLERK,
                ExtractKind.INSURANCE_STATUS,
                "seed-insured.csv",
                ExtractHeaders.INSURANCE_PAID + insured + ",郑德秀,2023,居民,本地,,2022-12-01,380\n");
        importer.importAs(
                COUNTY_CLERK,
                ExtractKind.TAX_PAYMENT,
                "seed-paid.csv",
                ExtractHeaders.TAX_PAYMENT + insured + ",郑德秀,2023,居民,2022-12-01,380,TKO-RCPT-1\n");
    }

    @Test
    void policeRowsAboutAnotherTownshipChangeNobodyAndMovesWaitForTheOtherSide() {
        Map<String, String> before = fingerprint(dongpingResidents);
        Map<String, String> movedOutBefore = fingerprint(List.of(movedOut));
        HttpAttacker taocheng = HttpAttacker.basic(port, TAOCHENG_CLERK, SecurityTestSupport.PASSWORD);

        JsonNode run = importOverHttp(
                taocheng,
                "police_household",
                ExtractHeaders.POLICE_WITH_ADDRESS
                        + reregistered + ",桃代名,在册,2024-01-01," + tc + "," + tc + "," + tcGrid + ",桃城路9号\n"
                        + movedIn + ",郑德明,迁入,2024-01-02," + tc + "," + tc + "," + tcGrid + ",桃城路10号\n"
                        + dead + ",郑德光,死亡,2024-01-03,,,,\n"
                        + renamed + ",改名者,在册,2024-01-04," + dp2 + "," + dp2 + ",,东平路4号\n"
                        + movedOut + ",林桃生,迁移,2024-01-05," + dp2 + "," + dp2 + ",,东平路6号\n");
        assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("rowsRead").asInt()).isEqualTo(5);
        assertThat(run.get("rowsRejected").asInt()).isEqualTo(2);
        assertThat(run.get("rowsTransferRequested").asInt()).isEqualTo(3);
        assertThat(run.get("rowsAccepted").asInt()).isZero();
        assertThat(run.get("personsChanged").asInt()).isZero();
        long importId = run.get("id").asLong();
        assertThat(importer.rejectReasons(importId))
                .containsExactly(
                        Map.entry(4L, "register.reject.personOutOfScope"),
                        Map.entry(5L, "register.reject.personOutOfScope"));
        String rejects = taocheng.get("/api/imports/" + importId + "/rejects").body();
        assertThat(rejects).contains("此人户籍地（东平镇", "不在您的管辖范围内");
        assertThat(fingerprint(dongpingResidents)).isEqualTo(before);
        assertThat(fingerprint(List.of(movedOut))).isEqualTo(movedOutBefore);

        // both sides see the three requests; only the 东平镇 side (or the county) may decide them
        Map<String, JsonNode> seenByTaocheng = requests(taocheng);
        assertThat(seenByTaocheng)
                .containsOnlyKeys(IdNumber.mask(reregistered), IdNumber.mask(movedIn), IdNumber.mask(movedOut));
        assertThat(seenByTaocheng.values())
                .allSatisfy(t -> assertThat(t.get("decidable").asBoolean()).isFalse());
        assertThat(seenByTaocheng.get(IdNumber.mask(movedIn)).get("fromRegion").asText())
                .isEqualTo(dp1);
        assertThat(seenByTaocheng.get(IdNumber.mask(movedIn)).get("toRegion").asText())
                .isEqualTo(tc);
        HttpAttacker dongping = HttpAttacker.basic(port, DONGPING_CLERK, SecurityTestSupport.PASSWORD);
        Map<String, JsonNode> seenByDongping = requests(dongping);
        assertThat(seenByDongping.values())
                .allSatisfy(t -> assertThat(t.get("decidable").asBoolean()).isTrue());
        long moveRequest = seenByDongping.get(IdNumber.mask(movedIn)).get("id").asLong();
        long reregisterRequest =
                seenByDongping.get(IdNumber.mask(reregistered)).get("id").asLong();
        long moveOutRequest =
                seenByDongping.get(IdNumber.mask(movedOut)).get("id").asLong();

        // the requester approving their own request, and a third township, are refused; nothing changes
        Map<String, String> transfersBefore = transferRows();
        HttpResponse<String> own =
                taocheng.postJson("/api/transfers/" + moveRequest + "/approve", Map.of("note", "自批"));
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(HttpAttacker.json(own).get("code").asText()).isEqualTo("register.transfer.outOfScope");
        HttpAttacker dapu = HttpAttacker.basic(port, DAPU_CLERK, SecurityTestSupport.PASSWORD);
        assertThat(requests(dapu)).doesNotContainKeys(IdNumber.mask(movedIn));
        assertThat(dapu.postJson("/api/transfers/" + moveRequest + "/approve", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(transferRows()).isEqualTo(transfersBefore);
        assertThat(fingerprint(dongpingResidents)).isEqualTo(before);

        // the other side approves the move: the person moves with change-log rows by the approver
        HttpResponse<String> approved =
                dongping.postJson("/api/transfers/" + moveRequest + "/approve", Map.of("note", "核实无误"));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(HttpAttacker.json(approved).get("status").asText()).isEqualTo("APPROVED");
        assertThat(jdbc.queryForMap(
                        "select name, household_region, residence_region, grid_code, address "
                                + "from person where id_number = ?",
                        movedIn))
                .containsEntry("name", "郑德明")
                .containsEntry("household_region", tc)
                .containsEntry("residence_region", tc)
                .containsEntry("grid_code", tcGrid)
                .containsEntry("address", "桃城路10号");
        assertThat(jdbc.query(
                        "select field, old_value, new_value from person_change where id_number = ? "
                                + "and changed_by = ?",
                        (rs, n) -> List.of(rs.getString(1), String.valueOf(rs.getString(2)), rs.getString(3)),
                        movedIn,
                        DONGPING_CLERK))
                .containsExactlyInAnyOrder(
                        List.of("household_region", dp1, tc), List.of("residence_region", dp1, tc),
                        List.of("grid_code", "null", tcGrid), List.of("address", "东平路2号", "桃城路10号"));
        assertThat(dongping.postJson("/api/transfers/" + moveRequest + "/approve", Map.of())
                        .statusCode())
                .isEqualTo(400);

        // rejecting needs a note and keeps the file; the county clerk above both sides approves the move out
        assertThat(dongping.postJson("/api/transfers/" + reregisterRequest + "/reject", Map.of())
                        .statusCode())
                .isEqualTo(400);
        assertThat(dongping.postJson("/api/transfers/" + reregisterRequest + "/reject", Map.of("note", "非本人申请"))
                        .statusCode())
                .isEqualTo(200);
        HttpAttacker county = HttpAttacker.basic(port, COUNTY_CLERK, SecurityTestSupport.PASSWORD);
        assertThat(county.postJson("/api/transfers/" + moveOutRequest + "/approve", Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select household_region from person where id_number = ?", String.class, movedOut))
                .isEqualTo(dp2);
        List<String> untouched = List.of(reregistered, dead, renamed, insured);
        assertThat(fingerprint(untouched)).isEqualTo(fingerprintOf(before, untouched));
        assertThat(jdbc.queryForObject(
                        "select count(*) from security_audit where action = 'TRANSFER_DECIDED' "
                                + "and subject = ? and outcome = 'REFUSED'",
                        Integer.class,
                        "transfer " + moveRequest))
                .isEqualTo(1);

        // the same file again: the rejected request is not asked again, the approved move is in scope now
        JsonNode again = importOverHttp(
                taocheng,
                "police_household",
                ExtractHeaders.POLICE_WITH_ADDRESS
                        + reregistered + ",桃代名,在册,2024-01-01," + tc + "," + tc + "," + tcGrid + ",桃城路9号\n"
                        + movedIn + ",郑德明,迁入,2024-01-02," + tc + "," + tc + "," + tcGrid + ",桃城路10号\n");
        assertThat(importer.rejectReasons(again.get("id").asLong()))
                .containsExactly(Map.entry(2L, "register.reject.transferRejected"));
        assertThat(again.get("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(again.get("rowsTransferRequested").asInt()).isZero();
        assertThat(again.get("personsChanged").asInt()).isZero();
        assertThat(fingerprint(untouched)).isEqualTo(fingerprintOf(before, untouched));
    }

    @Test
    void insurancePaymentHardshipAndSchoolRowsAboutAnotherTownshipAreRefused() {
        Map<String, String> before = fingerprint(dongpingResidents);
        HttpAttacker taocheng = HttpAttacker.basic(port, TAOCHENG_CLERK, SecurityTestSupport.PASSWORD);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "insurance_status",
                ExtractHeaders.INSURANCE_PAID + insured + ",郑德秀,2023,职工,异地,350583,,\n" + insured
                        + ",郑德秀,2024,居民,本地,,2023-12-01,400\n");
        files.put(
                "tax_payment",
                ExtractHeaders.TAX_PAYMENT
                        + insured + ",郑德秀,2023,居民,2022-12-01,1,TKO-RCPT-1\n"
                        + insured + ",郑德秀,2024,居民,2023-12-01,400,TKO-RCPT-2\n");
        files.put("hardship", ExtractHeaders.HARDSHIP_WITHOUT_EXIT + insured + ",郑德秀,低保,2023-01-01\n");
        files.put("student", "身份证号,姓名,学校,学段,学年\n" + insured + ",郑德秀,桃城中学,高中,2023\n");
        for (var file : files.entrySet()) {
            JsonNode run = importOverHttp(taocheng, file.getKey(), file.getValue());
            assertThat(run.get("status").asText()).as(file.getKey()).isEqualTo("SUCCEEDED");
            assertThat(run.get("rowsAccepted").asInt()).as(file.getKey()).isZero();
            assertThat(importer.rejectReasons(run.get("id").asLong()).values())
                    .as(file.getKey())
                    .isNotEmpty()
                    .allMatch(key -> key.startsWith("register.reject.personOutOfScope"));
        }
        assertThat(fingerprint(dongpingResidents)).isEqualTo(before);
    }

    @Test
    void aPersonHasOnePendingRequestAndAnotherDestinationWaitsUntilItIsDecided() {
        Map<String, String> before = fingerprint(List.of(waiting));
        HttpAttacker taocheng = HttpAttacker.basic(port, TAOCHENG_CLERK, SecurityTestSupport.PASSWORD);
        String move = ExtractHeaders.POLICE_WITH_ADDRESS + waiting + ",郑德安,迁入,2024-03-01," + tc + "," + tc + ",,\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            JsonNode run = importOverHttp(taocheng, "police_household", move);
            assertThat(run.get("rowsTransferRequested").asInt()).isEqualTo(1);
            assertThat(run.get("rowsRejected").asInt()).isZero();
        }
        assertThat(jdbc.queryForList(
                        "select to_region from household_transfer where id_number = ?", String.class, waiting))
                .containsExactly(tc);

        JsonNode elsewhere = importOverHttp(
                taocheng,
                "police_household",
                ExtractHeaders.POLICE_WITH_ADDRESS + waiting + ",郑德安,迁入,2024-03-02," + tc2 + "," + tc2 + ",,\n");
        assertThat(importer.rejectReasons(elsewhere.get("id").asLong()))
                .containsExactly(Map.entry(2L, "register.reject.transferPending"));
        assertThat(jdbc.queryForList(
                        "select to_region from household_transfer where id_number = ?", String.class, waiting))
                .containsExactly(tc);
        assertThat(fingerprint(List.of(waiting))).isEqualTo(before);
    }

    private JsonNode importOverHttp(HttpAttacker as, String kind, String csv) {
        HttpResponse<String> started = as.postMultipart(
                "/api/imports", Map.of("kind", kind), "file", kind + ".csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = HttpAttacker.json(started).get("id").asLong();
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> HttpAttacker.json(as.get("/api/imports/" + id)),
                        n -> n.get("status").asText().matches("SUCCEEDED|FAILED"));
    }

    /** The pending requests the caller sees, by masked ID number (only this test's persons). */
    private Map<String, JsonNode> requests(HttpAttacker as) {
        HttpResponse<String> response = as.get("/api/transfers");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ours = List.of(reregistered, movedIn, movedOut).stream()
                .map(IdNumber::mask)
                .toList();
        Map<String, JsonNode> byPerson = new LinkedHashMap<>();
        StreamSupport.stream(HttpAttacker.json(response).spliterator(), false)
                .filter(t -> ours.contains(t.get("maskedId").asText()))
                .forEach(t -> byPerson.put(t.get("maskedId").asText(), t));
        assertThat(response.body()).doesNotContain(movedIn);
        return byPerson;
    }

    /** Per person and table of their file: a digest of every row (person, change log, enrollments, payments, groups). */
    private Map<String, String> fingerprint(List<String> ids) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String id : ids) {
            for (String table : List.of("person", "person_change", "enrollment", "payment", "person_group")) {
                digests.put(
                        id + " " + table,
                        jdbc.queryForObject(
                                "select count(*) || ':' || coalesce(md5("
                                        + "string_agg(t::text, '|' order by t::text)), '-') from " + table
                                        + " t where t.id_number = ?",
                                String.class,
                                id));
            }
        }
        return digests;
    }

    private static Map<String, String> fingerprintOf(Map<String, String> all, List<String> ids) {
        Map<String, String> some = new LinkedHashMap<>(all);
        some.keySet().removeIf(key -> ids.stream().noneMatch(key::startsWith));
        return some;
    }

    private Map<String, String> transferRows() {
        return Map.of(
                "household_transfer",
                jdbc.queryForObject(
                        "select count(*) || ':' || md5(string_agg(t::text, "
                                + "'|' order by t::text)) from household_transfer t where t.id_number in (?, ?, ?)",
                        String.class,
                        reregistered,
                        movedIn,
                        movedOut));
    }
}
