package cn.canbao.security;

import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda's REST API and webapps are behind Canbao's login and see what the caller's groups may:
 * a task for the township leaders of 东平 is invisible to the township leader of 桃城.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CamundaBehindLoginIT extends IntegrationTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    private String deploymentId;
    private String taskId;

    @BeforeAll
    void aTaskForTheLeadersOfDongping() {
        security.ensureUser("rest.taocheng", TAOCHENG, Role.TOWNSHIP_LEADER);
        security.ensureUser("rest.dongping", DONGPING, Role.TOWNSHIP_LEADER);
        BpmnModelInstance probe = Bpmn.createExecutableProcess("ScopingProbe")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Probe")
                .name("范围探针")
                .camundaCandidateGroups(Role.TOWNSHIP_LEADER.groupAt(DONGPING))
                .endEvent()
                .done();
        deploymentId = repository
                .createDeployment()
                .name("scoping-probe")
                .addModelInstance("scoping-probe.bpmn", probe)
                .deploy()
                .getId();
        runtime.startProcessInstanceByKey("ScopingProbe");
        taskId = tasks.createTaskQuery()
                .processDefinitionKey("ScopingProbe")
                .singleResult()
                .getId();
    }

    @AfterAll
    void removeProbe() {
        repository.deleteDeployment(deploymentId, true);
    }

    @Test
    void anonymousCallsAreRefused() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        assertThat(send(client, get("/engine-rest/task")).statusCode()).isEqualTo(401);
        assertThat(send(client, get("/engine-rest/engine")).statusCode()).isEqualTo(401);
        HttpResponse<String> webapp = send(client, get("/camunda/app/tasklist/default/"));
        assertThat(webapp.statusCode()).isEqualTo(302);
        assertThat(webapp.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(send(client, get("/camunda/api/engine/engine/default/task")).statusCode())
                .isIn(302, 401);
        assertThat(send(client, basic(get("/engine-rest/task"), "rest.taocheng", "wrong-pass-1"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theRestApiShowsATaskOnlyToItsCandidateGroup() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        JsonNode forTaocheng = json(send(client, basic(get("/engine-rest/task"), "rest.taocheng")));
        assertThat(forTaocheng).isEmpty();
        assertThat(send(client, basic(get("/engine-rest/task/" + taskId), "rest.taocheng"))
                        .statusCode())
                .isIn(403, 404);
        // the probe (no region: operators only) is not among the instances of 桃城镇 the leader may read
        assertThat(json(send(client, basic(get("/engine-rest/process-instance"), "rest.taocheng"))))
                .extracting(n -> n.get("definitionId").asText())
                .noneMatch(d -> d.startsWith("ScopingProbe:"));
        assertThat(json(send(client, basic(get("/engine-rest/user"), "rest.taocheng"))))
                .extracting(n -> n.get("id").asText())
                .doesNotContain("rest.dongping")
                .contains("rest.taocheng");

        JsonNode forDongping = json(send(client, basic(get("/engine-rest/task"), "rest.dongping")));
        assertThat(forDongping).hasSize(1);
        assertThat(forDongping.get(0).get("id").asText()).isEqualTo(taskId);
        assertThat(forDongping.get(0).get("name").asText()).isEqualTo("范围探针");
    }

    @Test
    void theWebappsTrustOurLoginSession() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String form = "username=" + URLEncoder.encode("rest.dongping", StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(SecurityTestSupport.PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = send(
                client,
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        assertThat(send(client, get("/camunda/app/tasklist/default/")).statusCode())
                .isEqualTo(200);
        JsonNode user = json(send(client, get("/camunda/api/admin/auth/user/default")));
        assertThat(user.get("userId").asText()).isEqualTo("rest.dongping");
        assertThat(user.get("authorizedApps").toString()).contains("tasklist").doesNotContain("cockpit");
        assertThat(json(send(client, get("/camunda/api/engine/engine/default/task"))))
                .hasSize(1);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder basic(HttpRequest.Builder request, String username) {
        return basic(request, username, SecurityTestSupport.PASSWORD);
    }

    private HttpRequest.Builder basic(HttpRequest.Builder request, String username, String password) {
        return request.header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return send(client, request.build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
