package cn.canbao.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.attack.RowFingerprint;
import cn.canbao.base.AccessRefused;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.fasttrack.FastTrackService;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.region.TestCounty;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15, hole 1: process variables are not trusted. A grid worker completes their own task through
 * {@code /engine-rest} with the variable that used to name the record pointed at another township's outreach case
 * or newborn: refused, and nothing of either record (nor of the engine's state) changes. The services check the
 * acting user whoever calls them: another township's worker, a volunteer, or a leader calling the service directly
 * is refused too.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessVariableAttackIT extends OutreachTestBase {

    static final TestCounty AREA = new TestCounty("350581");
    static final String COUNTY = AREA.code();
    static final String T1 = AREA.township(1);
    static final String T2 = AREA.township(2);
    static final String V1 = AREA.village(1, 1);
    static final String V2 = AREA.village(2, 1);
    static final String G1 = AREA.grid(1, 1);
    static final String G2 = AREA.grid(2, 1);
    static final List<String> WATCHED = List.of(
            "outreach_case",
            "visit",
            "person",
            "person_change",
            "enrollment",
            "fast_track",
            "correction_request",
            "sms_opt_out",
            "act_ru_task",
            "act_ru_variable",
            "act_ru_execution");

    @LocalServerPort
    int port;

    @Autowired
    FastTrackService tracks;

    @Autowired
    RowFingerprint fingerprint;

    private Campaign campaign;
    private final String residentA = TestIds.id("350581", LocalDate.of(1970, 5, 1), 311);
    private final String residentB = TestIds.id("350581", LocalDate.of(1971, 6, 2), 313);
    private final String motherA = TestIds.id("350581", LocalDate.of(1995, 1, 3), 322);
    private final String motherB = TestIds.id("350581", LocalDate.of(1996, 2, 4), 324);
    private String newbornA;
    private String newbornB;

    @BeforeAll
    void twoTownshipsWithAResidentAndANewbornEach() {
        AREA.create(regions, "攻击测试县", new TestCounty.Township("攻一镇", "攻一村"), new TestCounty.Township("攻二镇", "攻二村"));
        security.ensureUser("attack.clerk", COUNTY, Role.CLERK);
        security.ensureUser("attack.leader", COUNTY, Role.COUNTY_LEADER);
        security.ensureUser("attack.gw1", G1, Role.GRID_WORKER);
        security.ensureUser("attack.gw2", G2, Role.GRID_WORKER);
        security.ensureUser("attack.volunteer", V1, Role.VOLUNTEER);
        security.ensureUser("attack.tl1", T1, Role.TOWNSHIP_LEADER);

        LocalDate today = today();
        newbornA = TestIds.id("350581", today.minusDays(12), 331);
        newbornB = TestIds.id("350581", today.minusDays(11), 333);
        importer.importAs(
                "attack.clerk",
                ExtractKind.POLICE_HOUSEHOLD,
                "attack-people.csv",
                ExtractHeaders.POLICE_FULL
                        + residentA + ",甲居民,在册,2000-01-01," + V1 + "," + V1 + "," + G1 + ",攻一村1号,,\n"
                        + residentB + ",乙居民,在册,2000-01-01," + V2 + "," + V2 + "," + G2 + ",攻二村1号,,\n"
                        + motherA + ",甲母亲,在册,2015-01-01," + V1 + "," + V1 + "," + G1 + ",攻一村2号,,\n"
                        + motherB + ",乙母亲,在册,2015-01-01," + V2 + "," + V2 + "," + G2 + ",攻二村2号,,\n"
                        + newbornA + ",甲宝宝,出生," + today.minusDays(12) + "," + V1 + ",,,,," + motherA + "\n"
                        + newbornB + ",乙宝宝,出生," + today.minusDays(11) + "," + V2 + ",,,,," + motherB + "\n");
        campaign = testCampaigns.start(
                "attack.leader",
                NewCampaign.of("攻击测试行动", today.getYear() + 1, COUNTY, today.minusDays(9), today.plusDays(90)));
        SystemAccess.run(() -> campaigns.enterPhase(campaign.id(), CampaignPhase.IMPLEMENT));
        SystemAccess.run(() -> starter.start(campaign.id()));
    }

    @AfterAll
    void endTheProcesses() {
        jdbc.queryForList(
                        "select process_instance_id from outreach_case where campaign_id = ? and process_instance_id "
                                + "is not null union all select process_instance_id from fast_track where id_number in (?, ?) "
                                + "and process_instance_id is not null union all select process_instance_id from campaign where id = ?",
                        String.class,
                        campaign.id(),
                        newbornA,
                        newbornB,
                        campaign.id())
                .forEach(instance -> {
                    if (runtime.createProcessInstanceQuery()
                                    .processInstanceId(instance)
                                    .count()
                            > 0) {
                        runtime.deleteProcessInstance(instance, "test finished");
                    }
                });
    }

    /** The REST API as the grid worker of township A, who works resident A's visit. */
    private HttpAttacker asGridWorker() {
        return HttpAttacker.basic(port, "attack.gw1", SecurityTestSupport.PASSWORD);
    }

    /** The grid worker completes the task over REST with these typed variables. */
    private HttpResponse<String> completeAsGridWorker(String taskId, Map<String, Object> variables) {
        return asGridWorker().postJson("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    }

    /** A visit's form: at home, refused, unwilling. */
    private static Map<String, Object> refusedAtHome() {
        return Map.of(
                "method", variable("HOME", "String"),
                "outcome", variable("REFUSED", "String"),
                "reason", variable("UNWILLING", "String"));
    }

    /** A typed variable as Camunda's REST API takes it. */
    private static Map<String, Object> variable(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    @Test
    void aVisitCompletedOverRestWithAnotherTownshipsCaseIdIsRefusedAndChangesNothing() {
        Task visitA = visitTask(residentA);
        long caseB = caseOf(residentB);
        Map<String, String> before = fingerprint.of(WATCHED);

        HttpResponse<String> attack = completeAsGridWorker(
                visitA.getId(),
                Map.of(
                        "caseId", variable(caseB, "Long"),
                        "method", variable("HOME", "String"),
                        "outcome", variable("REFUSED", "String"),
                        "reason", variable(NotEnrolledReason.UNWILLING.name(), "String")));

        assertThat(attack.statusCode()).as(attack.body()).isBetween(400, 499);
        assertThat(attack.body()).contains("process.error.tampered").doesNotContain("Exception:", "at cn.canbao");
        assertThat(fingerprint.of(WATCHED)).isEqualTo(before);
        assertThat(tasks.createTaskQuery().taskId(visitA.getId()).count()).isEqualTo(1);
    }

    @Test
    void aVariableCannotBeRewrittenOnItsOwnEither() {
        Task visitA = visitTask(residentA);
        long caseB = caseOf(residentB);
        Map<String, String> before = fingerprint.of(WATCHED);
        // whoever works a task may complete it (with the form's values), not rewrite its variables on their own
        HttpResponse<String> put = asGridWorker()
                .putJson("/engine-rest/task/" + visitA.getId() + "/variables/caseId", variable(caseB, "Long"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
        HttpResponse<String> modify = asGridWorker()
                .postJson(
                        "/engine-rest/process-instance/" + visitA.getProcessInstanceId() + "/variables",
                        Map.of("modifications", Map.of("caseId", variable(caseB, "Long"))));
        assertThat(modify.statusCode()).as(modify.body()).isIn(403, 404);
        assertThat(fingerprint.of(WATCHED)).isEqualTo(before);
    }

    @Test
    void anotherTownshipsVisitTaskCannotBeCompletedAtAll() {
        Task visitB = visitTask(residentB);
        Map<String, String> before = fingerprint.of(WATCHED);
        HttpResponse<String> attack = completeAsGridWorker(visitB.getId(), refusedAtHome());
        assertThat(attack.statusCode()).as(attack.body()).isIn(403, 404);
        assertThat(fingerprint.of(WATCHED)).isEqualTo(before);
    }

    @Test
    void aNewbornTaskCompletedWithAnotherTownshipsTrackIdIsRefusedAndEnrolsNobody() {
        Task newbornTaskA = newbornTask(newbornA);
        String trackB = jdbc.queryForObject(
                "select id::text from fast_track where id_number = ? and ended_at is null", String.class, newbornB);
        Map<String, String> before = fingerprint.of(WATCHED);

        HttpResponse<String> attack = completeAsGridWorker(
                newbornTaskA.getId(),
                Map.of(
                        "trackId", variable(Long.parseLong(trackB), "Long"),
                        "birthCertificate", variable("Q350581001", "String"),
                        "scheme", variable("RESIDENT", "String"),
                        "enrolledOn", variable(today().toString(), "String")));

        assertThat(attack.statusCode()).as(attack.body()).isBetween(400, 499);
        assertThat(fingerprint.of(WATCHED)).isEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "select count(*) from enrollment where id_number in (?, ?)", Integer.class, newbornA, newbornB))
                .isZero();
    }

    @Test
    void theServicesRefuseWhoeverMayNotActOnTheRecord() {
        long caseA = caseOf(residentA);
        long caseB = caseOf(residentB);
        long trackB = jdbc.queryForObject(
                "select id from fast_track where id_number = ? and ended_at is null", Long.class, newbornB);
        VisitReport refusal = VisitReports.refusal(ContactMethod.HOME);
        Map<String, String> before = fingerprint.of(WATCHED);

        // another township's grid worker, calling the service directly (as a listener, a job or a view would)
        assertThatThrownBy(() -> security.as("attack.gw1", () -> outreach.recordVisit(caseB, refusal, "attack.gw1")))
                .isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> security.as("attack.gw1", () -> outreach.visitNow(caseB)))
                .isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> security.as(
                        "attack.gw1",
                        () -> tracks.recordNewbornEnrolment(trackB, "Q350581002", "RESIDENT", today().toString())))
                .isInstanceOf(AccessRefused.class);
        // the right region but the wrong role: a volunteer of the village, the township's leader
        assertThatThrownBy(() -> security.as("attack.volunteer", () -> outreach.recordVisit(caseA, refusal, "x")))
                .isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> security.as("attack.volunteer", () -> outreach.visitNow(caseA)))
                .isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> security.as("attack.volunteer", () -> outreach.optOut(caseA)))
                .isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> security.as("attack.tl1", () -> outreach.recordVisit(caseA, refusal, "attack.tl1")))
                .isInstanceOf(AccessRefused.class);
        // process steps are the system's: a user cannot close a case or send its reminder
        assertThatThrownBy(() -> security.as("attack.gw1", () -> outreach.close(caseA, "PAID")))
                .isInstanceOf(AccessRefused.class);
        assertThatThrownBy(
                        () -> security.as("attack.gw1", () -> outreach.remind(caseA, OutreachProcess.TEMPLATE_FIRST)))
                .isInstanceOf(AccessRefused.class);

        assertThat(fingerprint.of(WATCHED)).isEqualTo(before);
    }

    @Test
    void theRightWorkerStillRecordsTheVisitOverRest() {
        String resident = TestIds.id("350581", LocalDate.of(1972, 7, 3), 315);
        importer.importAs(
                "attack.clerk",
                ExtractKind.POLICE_HOUSEHOLD,
                "attack-more.csv",
                ExtractHeaders.POLICE_FULL + resident + ",丙居民,在册,2000-01-01," + V1 + "," + V1 + "," + G1
                        + ",攻一村3号,,\n");
        SystemAccess.run(() -> starter.start(campaign.id()));
        Task visit = visitTask(resident);
        HttpResponse<String> done = completeAsGridWorker(visit.getId(), refusedAtHome());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(jdbc.queryForObject(
                        "select visited_by || ' ' || outcome from visit where id_number = ?", String.class, resident))
                .isEqualTo("attack.gw1 REFUSED");
        assertThat(jdbc.queryForObject(
                        "select stage from outreach_case where id_number = ? and campaign_id = ?",
                        String.class,
                        resident,
                        campaign.id()))
                .isEqualTo("ENDED");
    }

    private Task visitTask(String idNumber) {
        String instance = jdbc.queryForObject(
                "select process_instance_id from outreach_case where campaign_id = ? " + "and id_number = ?",
                String.class,
                campaign.id(),
                idNumber);
        return tasks.createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(OutreachProcess.TASK_VISIT)
                .singleResult();
    }

    private Task newbornTask(String idNumber) {
        String instance = jdbc.queryForObject(
                "select process_instance_id from fast_track where id_number = ? " + "and ended_at is null",
                String.class,
                idNumber);
        return tasks.createTaskQuery().processInstanceId(instance).singleResult();
    }

    private long caseOf(String idNumber) {
        return outreachCampaigns.caseOf(campaign, idNumber);
    }
}
