package cn.canbao.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.attack.RowFingerprint;
import cn.canbao.campaign.Campaign;
import cn.canbao.region.TestCounty;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The field page's calls (issue 20): a visit submitted with the phone's key is recorded once — a repeat answers with
 * the first result, the same key with another form and a second key for the completed task are refused (409) — and
 * the attacks: another grid's task, a clerk recording a visit, a call without the CSRF token, a photo that is no
 * JPEG/PNG or too large; each refused with nothing changed. The photo is shown to the county's clerk (logged) and
 * to nobody of another grid.
 */
@CanbaoIntegrationTest
class FieldVisitIT extends IntegrationTestBase {

    static final TestCounty AREA = new TestCounty("350571");
    static final String GRID = AREA.grid(1, 1);
    static final String OTHER_GRID = AREA.grid(2, 1);
    static final String WORKER = "grid.field";
    static final String OTHER_WORKER = "grid.field.other";
    static final String CLERK = "clerk.field";
    static final List<String> TABLES =
            List.of("visit", "field_submission", "visit_photo", "visit_photo_link", "outreach_case", "act_ru_task");

    /** The first bytes of a JPEG file and some more: what the server looks at is the magic number. */
    static final byte[] JPEG = jpeg(2048);

    @LocalServerPort
    int port;

    @Autowired
    OutreachCampaigns outreachCampaigns;

    @Autowired
    RowFingerprint fingerprint;

    private Campaign campaign;
    private Campaign householdCampaign;
    private String resident;

    @BeforeEach
    void aResidentDueForAVisit() {
        AREA.create(regions, "外勤测试县", new TestCounty.Township("外勤一镇", "外勤一村"), new TestCounty.Township("外勤二镇", "外勤二村"));
        String leader = security.ensureUser("leader.field", AREA.code(), Role.COUNTY_LEADER);
        security.ensureUser(CLERK, AREA.code(), Role.CLERK);
        security.ensureUser(WORKER, GRID, Role.GRID_WORKER);
        security.ensureUser(OTHER_WORKER, OTHER_GRID, Role.GRID_WORKER);
        resident = TestIds.id("350571", LocalDate.of(1970, 5, 6), 411);
        campaign = outreachCampaigns.residentDueForAVisit(CLERK, leader, GRID, resident, "外勤甲", "外勤走访测试", 2064);
    }

    @AfterEach
    void endTheCampaign() {
        outreachCampaigns.end(campaign);
        if (householdCampaign != null) {
            outreachCampaigns.end(householdCampaign);
        }
    }

    @Test
    void aVisitIsRecordedOnceWhateverThePhoneRepeats() {
        FieldPhone phone = new FieldPhone(port, WORKER);
        JsonNode list = HttpAttacker.json(phone.http.get("/field/api/visits"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("外勤甲");
        assertThat(list.get(0).get("maskedId").asText()).doesNotContain(resident);
        String task = list.get(0).get("taskId").asText();
        UUID key = UUID.randomUUID();

        HttpResponse<String> first = phone.submit(task, key, unreachable("邻居说外出打工"), JPEG);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode recorded = HttpAttacker.json(first);
        assertThat(recorded.get("replayed").asBoolean()).isFalse();
        long visitId = recorded.get("visitId").asLong();
        assertThat(jdbc.queryForList(
                        "select outcome || ' ' || note || ' ' || visited_by from visit where id_number = ? "
                                + "and campaign_id = ?",
                        String.class,
                        resident,
                        campaign.id()))
                .containsExactly("UNREACHABLE 邻居说外出打工 " + WORKER);
        assertThat(openVisitTasks()).isZero();

        // the phone did not hear the answer and sends the same form again: the first result, nothing new
        Map<String, String> before = fingerprint.of(TABLES);
        HttpResponse<String> again = phone.submit(task, key, unreachable("邻居说外出打工"), JPEG);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(HttpAttacker.json(again).get("replayed").asBoolean()).isTrue();
        assertThat(HttpAttacker.json(again).get("visitId").asLong()).isEqualTo(visitId);
        assertThat(HttpAttacker.json(again).get("photoId").asLong())
                .isEqualTo(recorded.get("photoId").asLong());
        assertThat(fingerprint.of(TABLES)).isEqualTo(before);

        // the same key with another form: refused, not answered with the first result
        HttpResponse<String> altered = phone.submit(task, key, unreachable("改过的备注"), JPEG);
        assertThat(altered.statusCode()).isEqualTo(409);
        assertThat(HttpAttacker.json(altered).get("code").asText()).isEqualTo("outreach.field.keyReused");
        // another key for the completed task (a second filled form): refused as done already
        HttpResponse<String> second = phone.submit(task, UUID.randomUUID(), unreachable("再填一次"), null);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(HttpAttacker.json(second).get("code").asText()).isEqualTo("task.gone");
        assertThat(fingerprint.of(TABLES)).isEqualTo(before);

        // the clerk sees the photo (each look logged); a worker of another grid does not
        Long photoId = recorded.get("photoId").asLong();
        HttpAttacker clerk = HttpAttacker.formLogin(port, CLERK, SecurityTestSupport.PASSWORD);
        HttpResponse<byte[]> shown = clerk.getBytes("/field/api/photos/" + photoId);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(shown.body()).isEqualTo(JPEG);
        assertThat(jdbc.queryForList(
                        "select username from visit_photo_access where photo_id = ?", String.class, photoId))
                .containsExactly(CLERK);
        HttpAttacker other = HttpAttacker.formLogin(port, OTHER_WORKER, SecurityTestSupport.PASSWORD);
        assertThat(other.getBytes("/field/api/photos/" + photoId).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject(
                        "select count(*) from visit_photo_access where photo_id = ?", Integer.class, photoId))
                .isEqualTo(1);
    }

    /** The phone's retry overtakes its first send (a weak connection): both get the one visit, recorded once. */
    @Test
    void twoSendsOfOneFormRacingEachOtherRecordOneVisit() throws Exception {
        FieldPhone phone = new FieldPhone(port, WORKER);
        String task = phone.openTask();
        UUID key = UUID.randomUUID();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> sends = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sends.add(pool.submit(() -> {
                    start.await();
                    return phone.submit(task, key, unreachable("两次发送"), JPEG);
                }));
            }
            start.countDown();
            List<JsonNode> answers = new java.util.ArrayList<>();
            for (var send : sends) {
                HttpResponse<String> answer = send.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                answers.add(HttpAttacker.json(answer));
            }
            assertThat(answers.get(0).get("visitId").asLong())
                    .isEqualTo(answers.get(1).get("visitId").asLong());
            assertThat(answers.stream().filter(a -> a.get("replayed").asBoolean()))
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from visit where id_number = ? and campaign_id = ?",
                        Integer.class,
                        resident,
                        campaign.id()))
                .isOne();
        assertThat(jdbc.queryForObject(
                        "select count(*) from visit_photo p join visit_photo_link l on l.photo_id = p.id "
                                + "join visit v on v.id = l.visit_id where v.campaign_id = ?",
                        Integer.class,
                        campaign.id()))
                .isOne();
        assertThat(openVisitTasks()).isZero();
    }

    /**
     * A household of two (户号): one task listing both by relation, the spouse refusing while the household is
     * unreachable — one visit row each with their own outcome.
     */
    @Test
    void aHouseholdVisitRecordsEachMembersOutcome() {
        OutreachCampaigns.Household household =
                outreachCampaigns.householdOfTwo("350574", "按户", "field.household", 2067);
        householdCampaign = household.campaign();
        String head = household.head();
        String spouse = household.spouse();

        FieldPhone phone = new FieldPhone(port, household.worker());
        JsonNode list = HttpAttacker.json(phone.http.get("/field/api/visits"));
        assertThat(list).hasSize(1);
        JsonNode members = list.get(0).get("members");
        assertThat(members).hasSize(2);
        assertThat(members.get(0).get("relation").asText() + " "
                        + members.get(0).get("name").asText())
                .isEqualTo("户主 按户甲");
        assertThat(members.get(1).get("relation").asText() + " "
                        + members.get(1).get("name").asText())
                .isEqualTo("配偶 按户乙");
        assertThat(members.toString()).doesNotContain(head).doesNotContain(spouse);
        Map<String, Object> form = new java.util.HashMap<>(unreachable("户主外出"));
        form.put("memberOutcomes", members.get(1).get("caseId").asLong() + ":REFUSED");
        HttpResponse<String> sent = phone.submit(list.get(0).get("taskId").asText(), UUID.randomUUID(), form, null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(jdbc.queryForList(
                        "select id_number || ' ' || outcome from visit where campaign_id = ? order by id_number",
                        String.class,
                        householdCampaign.id()))
                .containsExactly(head + " UNREACHABLE", spouse + " REFUSED");
    }

    @Test
    void anotherGridsWorkerCannotRecordTheVisit() {
        String task = new FieldPhone(port, WORKER).openTask();
        FieldPhone other = new FieldPhone(port, OTHER_WORKER);
        assertThat(HttpAttacker.json(other.http.get("/field/api/visits"))).isEmpty();
        Map<String, String> before = fingerprint.of(TABLES);
        HttpResponse<String> refused = other.submit(task, UUID.randomUUID(), unreachable("不是我的网格"), null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(HttpAttacker.json(refused).get("code").asText()).isEqualTo("task.notVisible");
        // a clerk may not record a visit at all
        HttpResponse<String> clerk =
                new FieldPhone(port, CLERK).submit(task, UUID.randomUUID(), unreachable("文员"), null);
        assertThat(clerk.statusCode()).isEqualTo(403);
        assertThat(fingerprint.of(TABLES)).isEqualTo(before);
        assertThat(openVisitTasks()).isOne();
    }

    @Test
    void withoutTheSessionOrItsCsrfTokenNothingIsRecorded() {
        FieldPhone phone = new FieldPhone(port, WORKER);
        String task = phone.openTask();
        Map<String, String> before = fingerprint.of(TABLES);
        assertThat(HttpAttacker.anonymous(port).get("/field/api/visits").statusCode())
                .isEqualTo(401);
        // HTTP Basic is not the field page's door: it answers as to nobody
        assertThat(HttpAttacker.basic(port, WORKER, SecurityTestSupport.PASSWORD)
                        .get("/field/api/visits")
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> noToken = phone.http.send(phone.multipart(
                HttpRequest.newBuilder(phone.http.uri("/field/api/visits/" + task))
                        .header("Idempotency-Key", UUID.randomUUID().toString()),
                unreachable("没有令牌"),
                null));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(fingerprint.of(TABLES)).isEqualTo(before);
    }

    @Test
    void aPhotoMustBeAJpegOrPngWithinTheLimit() {
        FieldPhone phone = new FieldPhone(port, WORKER);
        String task = phone.openTask();
        Map<String, String> before = fingerprint.of(TABLES);
        byte[] gif = "GIF89a not a receipt".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> wrongType = phone.submit(task, UUID.randomUUID(), unreachable("动图"), gif);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(HttpAttacker.json(wrongType).get("code").asText()).isEqualTo("outreach.field.photoType");
        byte[] large = jpeg(5 * 1024 * 1024 + 1);
        HttpResponse<String> tooLarge = phone.submit(task, UUID.randomUUID(), unreachable("太大"), large);
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(HttpAttacker.json(tooLarge).get("detail").asText()).contains("5 MB");
        assertThat(fingerprint.of(TABLES)).isEqualTo(before);
        assertThat(openVisitTasks()).isOne();
        // a PNG of the limit's size goes
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 5 * 1024 * 1024);
        HttpResponse<String> accepted = phone.submit(task, UUID.randomUUID(), unreachable("照片"), png);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select content_type || ' ' || size_bytes from visit_photo p join visit_photo_link l "
                                + "on l.photo_id = p.id where l.visit_id = ?",
                        String.class,
                        HttpAttacker.json(accepted).get("visitId").asLong()))
                .isEqualTo("image/png " + png.length);
    }

    private long openVisitTasks() {
        return jdbc.queryForObject(
                "select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_ "
                        + "where e.business_key_ = (select id::text from outreach_case where campaign_id = ? "
                        + "and id_number = ?) and t.task_def_key_ = 'Task_VisitResident'",
                Long.class,
                campaign.id(),
                resident);
    }

    private static Map<String, Object> unreachable(String note) {
        return Map.of("method", "HOME", "outcome", "UNREACHABLE", "note", note);
    }

    private static byte[] jpeg(int size) {
        byte[] b = new byte[size];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        for (int i = 3; i < size; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }
}
