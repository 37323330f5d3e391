package cn.canbao.security;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static cn.canbao.Yongchun.TAOCHENG_GRID;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.ProcessTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.attack.RowFingerprint;
import cn.canbao.security.camunda.CamundaAccessSetup;
import cn.canbao.security.camunda.ProcessInstanceGrants;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15, hole 6: Camunda's authorizations were too wide (region admins could deploy, delete and retry).
 * Now only operators change the engine; region admins, leaders and grid workers get 403 for every engine
 * change through /engine-rest, nothing changes, and they read only the instances of their region's subtree.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CamundaAuthorizationAttackIT extends ProcessTestBase {

    static final String PROBE = "AuthzProbe";
    static final String CHILD = "AuthzProbeChild";
    static final String ADMIN = "authz.admin";
    static final String COUNTY_LEADER = "authz.county";
    static final String TAOCHENG_LEADER = "authz.taocheng";
    static final String DONGPING_LEADER = "authz.dongping";
    static final String GRID_WORKER = "authz.grid";
    static final String OPERATOR = "authz.operator";
    static final List<String> ENGINE_TABLES = List.of(
            "act_re_deployment",
            "act_re_procdef",
            "act_ru_execution",
            "act_ru_job",
            "act_ru_variable",
            "act_ru_incident",
            "act_ru_batch",
            "act_ru_task",
            "act_ru_identitylink",
            "act_ru_authorization");

    @LocalServerPort
    int port;

    @Autowired
    RowFingerprint fingerprint;

    @Autowired
    RepositoryService repository;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    ProcessEngine engine;

    @Autowired
    CamundaAccessSetup accessSetup;

    private String deploymentId;
    private String definitionId;
    private final Map<String, String> instances = new LinkedHashMap<>();

    @BeforeAll
    void probesInTwoTownshipsAndAGrid() {
        security.ensureUser(ADMIN, COUNTY, Role.ADMIN);
        security.ensureUser(COUNTY_LEADER, COUNTY, Role.COUNTY_LEADER);
        security.ensureUser(TAOCHENG_LEADER, TAOCHENG, Role.TOWNSHIP_LEADER);
        security.ensureUser(DONGPING_LEADER, DONGPING, Role.TOWNSHIP_LEADER);
        security.ensureUser(GRID_WORKER, TAOCHENG_GRID, Role.GRID_WORKER);
        security.ensureUser(OPERATOR, COUNTY, Role.OPERATOR);
        deploymentId = repository
                .createDeployment()
                .name("authz-probe")
                .addModelInstance("authz-probe.bpmn", probe())
                .addModelInstance(
                        "authz-probe-child.bpmn",
                        Bpmn.createExecutableProcess(CHILD)
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .endEvent()
                                .done())
                .deploy()
                .getId();
        definitionId = repository
                .createProcessDefinitionQuery()
                .deploymentId(deploymentId)
                .processDefinitionKey(PROBE)
                .singleResult()
                .getId();
        for (Map.Entry<String, String> probe : Map.of(
                        "taocheng", TAOCHENG, "dongping", DONGPING, "grid", TAOCHENG_GRID, "nested", TAOCHENG)
                .entrySet()) {
            instances.put(
                    probe.getKey(),
                    runtime.startProcessInstanceByKey(
                                    PROBE,
                                    probe.getKey(),
                                    Map.of(ProcessInstanceGrants.REGION_VARIABLE, probe.getValue()))
                            .getId());
        }
        runtime.startProcessInstanceByKey(CHILD, "ended-taocheng", Map.of("regionCode", TAOCHENG));
        runtime.startProcessInstanceByKey(CHILD, "ended-dongping", Map.of("regionCode", DONGPING));
    }

    /** A task for the township's leaders with a far timer on it (a job); completing it starts a child instance. */
    private static BpmnModelInstance probe() {
        return Bpmn.createExecutableProcess(PROBE)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Probe")
                .name("授权探针")
                .camundaCandidateGroups("township-leader:${regionCode}")
                .boundaryEvent("Timer_Probe")
                .cancelActivity(false)
                .timerWithDate("2099-01-01T00:00:00")
                .endEvent()
                .moveToActivity("Task_Probe")
                .serviceTask("Task_StartChild")
                .camundaExpression("${execution.processEngineServices.runtimeService"
                        + ".createProcessInstanceByKey('" + CHILD + "').businessKey('nested-child')"
                        + ".setVariable('regionCode', regionCode).execute()}")
                .endEvent()
                .done();
    }

    @AfterAll
    void removeProbes() {
        repository.deleteDeployment(deploymentId, true);
    }

    private HttpAttacker as(String username) {
        return HttpAttacker.basic(port, username, SecurityTestSupport.PASSWORD);
    }

    record Attack(String name, Function<HttpAttacker, HttpResponse<String>> call) {}

    private List<Attack> engineChanges() {
        String instance = instances.get("taocheng");
        String job = management
                .createJobQuery()
                .processInstanceId(instance)
                .singleResult()
                .getId();
        String task = tasks.createTaskQuery()
                .processInstanceId(instance)
                .singleResult()
                .getId();
        byte[] bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess("AuthzIntruder")
                        .camundaHistoryTimeToLive(1)
                        .startEvent()
                        .endEvent()
                        .done())
                .getBytes(StandardCharsets.UTF_8);
        return List.of(
                new Attack(
                        "deploy",
                        a -> a.postMultipart(
                                "/engine-rest/deployment/create",
                                Map.of("deployment-name", "intruder"),
                                "intruder",
                                "intruder.bpmn",
                                bpmn)),
                new Attack(
                        "delete deployment",
                        a -> a.delete("/engine-rest/deployment/" + deploymentId + "?cascade=true")),
                new Attack(
                        "suspend definition",
                        a -> a.putJson(
                                "/engine-rest/process-definition/" + definitionId + "/suspended",
                                Map.of("suspended", true, "includeProcessInstances", true))),
                new Attack(
                        "start instance",
                        a -> a.postJson(
                                "/engine-rest/process-definition/key/" + PROBE + "/start",
                                Map.of("variables", Map.of("regionCode", Map.of("value", TAOCHENG))))),
                new Attack("delete instance", a -> a.delete("/engine-rest/process-instance/" + instance)),
                new Attack(
                        "delete instances (batch)",
                        a -> a.postJson(
                                "/engine-rest/process-instance/delete",
                                Map.of("processInstanceIds", List.of(instance), "deleteReason", "attack"))),
                new Attack(
                        "suspend instance",
                        a -> a.putJson(
                                "/engine-rest/process-instance/" + instance + "/suspended", Map.of("suspended", true))),
                new Attack(
                        "modify instance",
                        a -> a.postJson(
                                "/engine-rest/process-instance/" + instance + "/modification",
                                Map.of(
                                        "instructions",
                                        List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_Probe"))))),
                new Attack(
                        "set instance variables",
                        a -> a.postJson(
                                "/engine-rest/process-instance/" + instance + "/variables",
                                Map.of("modifications", Map.of("regionCode", Map.of("value", DONGPING))))),
                new Attack(
                        "set task variables",
                        a -> a.postJson(
                                "/engine-rest/task/" + task + "/variables",
                                Map.of("modifications", Map.of("regionCode", Map.of("value", DONGPING))))),
                new Attack(
                        "reassign task",
                        a -> a.postJson("/engine-rest/task/" + task + "/assignee", Map.of("userId", DONGPING_LEADER))),
                new Attack("job retries", a -> a.putJson("/engine-rest/job/" + job + "/retries", Map.of("retries", 5))),
                new Attack("delete history", a -> a.delete("/engine-rest/history/process-instance/" + instance)));
    }

    @Test
    void noRoleButOperatorChangesTheEngine() {
        List<String> outcomes = new ArrayList<>();
        for (String attacker : List.of(ADMIN, COUNTY_LEADER, TAOCHENG_LEADER, GRID_WORKER)) {
            HttpAttacker client = as(attacker);
            for (Attack attack : engineChanges()) {
                Map<String, String> before = fingerprint.of(ENGINE_TABLES);
                HttpResponse<String> response = attack.call().apply(client);
                outcomes.add(attacker + " " + attack.name() + " → " + response.statusCode());
                assertThat(fingerprint.of(ENGINE_TABLES))
                        .as(attacker + " " + attack.name())
                        .isEqualTo(before);
            }
        }
        // a deployment is not even visible to them (no READ on deployments): its delete answers 404
        assertThat(outcomes)
                .allSatisfy(o -> assertThat(o).endsWith(o.contains("delete deployment") ? "→ 404" : "→ 403"));
    }

    @Test
    void leadersAndWorkersSeeOnlyTheirSubtreesInstances() {
        assertThat(visibleProbes(TAOCHENG_LEADER)).containsExactlyInAnyOrder("taocheng", "grid");
        assertThat(visibleProbes(DONGPING_LEADER)).containsExactly("dongping");
        assertThat(visibleProbes(GRID_WORKER)).containsExactly("grid");
        assertThat(visibleProbes(ADMIN)).containsExactlyInAnyOrder("taocheng", "dongping", "grid");
        assertThat(visibleProbes(COUNTY_LEADER)).containsExactlyInAnyOrder("taocheng", "dongping", "grid");
        assertThat(as(TAOCHENG_LEADER)
                        .get("/engine-rest/process-instance/" + instances.get("dongping"))
                        .statusCode())
                .isEqualTo(404);

        assertThat(historicCount(TAOCHENG_LEADER, "ended-taocheng")).isEqualTo(1);
        assertThat(historicCount(TAOCHENG_LEADER, "ended-dongping")).isZero();
        assertThat(historicCount(DONGPING_LEADER, "ended-dongping")).isEqualTo(1);
        assertThat(historicCount(GRID_WORKER, "ended-taocheng")).isZero();
        assertThat(historicCount(ADMIN, "ended-dongping")).isEqualTo(1);
    }

    private List<String> visibleProbes(String username) {
        HttpResponse<String> response = as(username).get("/engine-rest/process-instance?processDefinitionKey=" + PROBE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // "nested" ends when another test completes its task: only the three that keep running count
        return StreamSupport.stream(HttpAttacker.json(response).spliterator(), false)
                .map(n -> n.get("businessKey").asText())
                .filter(key -> !key.equals("nested"))
                .toList();
    }

    private long historicCount(String username, String businessKey) {
        HttpResponse<String> response = as(username)
                .get("/engine-rest/history/process-instance/count?" + "processDefinitionKey=" + CHILD
                        + "&processInstanceBusinessKey=" + businessKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return HttpAttacker.json(response).get("count").asLong();
    }

    @Test
    void eachInstanceIsGrantedToItsRegionAndAncestorsUntilItEnds() {
        assertThat(grants(instances.get("grid"), Resources.PROCESS_INSTANCE))
                .containsExactlyInAnyOrder(
                        "within:350000000000",
                        "within:350500000000",
                        "within:" + COUNTY,
                        "within:" + TAOCHENG,
                        "within:350525101001",
                        "within:" + TAOCHENG_GRID);
        assertThat(grants(instances.get("taocheng"), Resources.HISTORIC_PROCESS_INSTANCE))
                .hasSize(4);

        // a township leader completes the task through REST: the expression after it starts a child instance
        // under the leader's authentication, which the engine allows because it is code the process runs
        String nested = instances.get("nested");
        String task =
                tasks.createTaskQuery().processInstanceId(nested).singleResult().getId();
        assertThat(as(TAOCHENG_LEADER)
                        .postJson("/engine-rest/task/" + task + "/complete", Map.of())
                        .statusCode())
                .isEqualTo(204);
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(nested)
                        .count())
                .isZero();
        assertThat(historicCount(TAOCHENG_LEADER, "nested-child")).isEqualTo(1);
        assertThat(historicCount(DONGPING_LEADER, "nested-child")).isZero();

        assertThat(grants(nested, Resources.PROCESS_INSTANCE)).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from act_ru_authorization where resource_type_ = ? "
                                + "and resource_id_ = ? and root_proc_inst_id_ = ? and removal_time_ is not null",
                        Long.class,
                        Resources.HISTORIC_PROCESS_INSTANCE.resourceType(),
                        nested,
                        nested))
                .isEqualTo(4);
    }

    @Test
    void aNewTasksGrantsAreCamundasDefaultRowsAndLaterAdditionsExtendThem() {
        // the engine grants tasks through NewTaskGrants (no lookup for a task of the same command): the rows it
        // writes must be those of Camunda's default provider
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                        .getResourceAuthorizationProvider()
                        .getClass()
                        .getSimpleName())
                .isEqualTo("NewTaskGrants");
        // the probe's task was created with its candidate group in the instance's first command
        String instance = instances.get("dongping");
        String task = tasks.createTaskQuery()
                .processInstanceId(instance)
                .singleResult()
                .getId();
        List<Authorization> work = authorizations
                .createAuthorizationQuery()
                .resourceType(Resources.TASK)
                .resourceId(task)
                .list();
        assertThat(work).singleElement().satisfies(grant -> {
            assertThat(grant.getGroupId()).isEqualTo("township-leader:" + DONGPING);
            assertThat(grant.isPermissionGranted(Permissions.TASK_WORK)).isTrue();
            assertThat(grant.isPermissionGranted(Permissions.UPDATE)).isFalse();
        });
        assertThat(jdbc.queryForList(
                        "select group_id_ from act_ru_authorization where resource_type_ = ? and resource_id_ = ? "
                                + "and root_proc_inst_id_ = ?",
                        String.class,
                        Resources.HISTORIC_TASK.resourceType(),
                        task,
                        instance))
                .containsExactly("township-leader:" + DONGPING);

        // the same group added again to the stored task: the default path finds the grant and keeps one row
        tasks.addCandidateGroup(task, "township-leader:" + DONGPING);
        assertThat(authorizations
                        .createAuthorizationQuery()
                        .resourceType(Resources.TASK)
                        .resourceId(task)
                        .count())
                .isEqualTo(1);
        assertThat(as(DONGPING_LEADER)
                        .get("/engine-rest/task/count?processInstanceId=" + instance)
                        .body())
                .contains("\"count\":1");
        assertThat(as(TAOCHENG_LEADER)
                        .get("/engine-rest/task/count?processInstanceId=" + instance)
                        .body())
                .contains("\"count\":0");
    }

    private List<String> grants(String instanceId, Resources resource) {
        return authorizations.createAuthorizationQuery().resourceType(resource).resourceId(instanceId).list().stream()
                .map(Authorization::getGroupId)
                .toList();
    }

    @Test
    void onlyOperatorsGetTheAdminWebappAndAdminsNoDeployments() {
        assertThat(authorizedApps(ADMIN)).contains("cockpit", "tasklist").doesNotContain("admin");
        assertThat(authorizedApps(TAOCHENG_LEADER)).contains("tasklist").doesNotContain("cockpit", "admin");
        assertThat(authorizedApps(OPERATOR)).contains("cockpit", "tasklist", "admin");
        HttpResponse<String> deployments = as(ADMIN).get("/engine-rest/deployment?name=authz-probe");
        assertThat(HttpAttacker.json(deployments)).isEmpty();
        assertThat(HttpAttacker.json(as(OPERATOR).get("/engine-rest/deployment?name=authz-probe")))
                .hasSize(1);
    }

    private String authorizedApps(String username) {
        HttpAttacker session = HttpAttacker.formLogin(port, username, SecurityTestSupport.PASSWORD);
        assertThat(session.loggedIn()).isTrue();
        // opening a webapp page turns the login session into Camunda's webapp authentication
        assertThat(session.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        HttpResponse<String> user = session.get("/camunda/api/admin/auth/user/default");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
        return HttpAttacker.json(user).get("authorizedApps").toString();
    }

    @Test
    void anOperatorDeploysAndDeletes() {
        byte[] bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess("AuthzOperatorProbe")
                        .camundaHistoryTimeToLive(1)
                        .startEvent()
                        .endEvent()
                        .done())
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> created = as(OPERATOR)
                .postMultipart(
                        "/engine-rest/deployment/create",
                        Map.of("deployment-name", "operator-probe"),
                        "probe",
                        "operator-probe.bpmn",
                        bpmn);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = HttpAttacker.json(created).get("id").asText();
        assertThat(repository
                        .createProcessDefinitionQuery()
                        .deploymentId(id)
                        .processDefinitionKey("AuthzOperatorProbe")
                        .count())
                .isEqualTo(1);
        assertThat(as(OPERATOR)
                        .delete("/engine-rest/deployment/" + id + "?cascade=true")
                        .statusCode())
                .isEqualTo(204);
        assertThat(repository.createDeploymentQuery().deploymentId(id).count()).isZero();
    }

    @Test
    void staleGrantsAreRevokedAtStartUp() {
        Authorization stale = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        stale.setGroupId(Groups.CAMUNDA_ADMIN);
        stale.setResource(Resources.DEPLOYMENT);
        stale.setResourceId(Authorization.ANY);
        stale.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(stale);
        Authorization wide = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        wide.setGroupId(Role.ADMIN.groupId());
        wide.setResource(Resources.PROCESS_INSTANCE);
        wide.setResourceId(Authorization.ANY);
        wide.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(wide);
        Authorization widened = authorizations
                .createAuthorizationQuery()
                .groupIdIn(Role.GRID_WORKER.groupId())
                .resourceType(Resources.PROCESS_DEFINITION)
                .singleResult();
        widened.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(widened);

        accessSetup.postProcessEngineBuild(engine);
        Map<String, String> settled = fingerprint.of("act_ru_authorization");
        accessSetup.postProcessEngineBuild(engine);

        assertThat(fingerprint.of("act_ru_authorization")).isEqualTo(settled);
        assertThat(authorizations
                        .createAuthorizationQuery()
                        .groupIdIn(Groups.CAMUNDA_ADMIN)
                        .count())
                .isZero();
        assertThat(authorizations
                        .createAuthorizationQuery()
                        .groupIdIn(Role.ADMIN.groupId())
                        .resourceType(Resources.PROCESS_INSTANCE)
                        .count())
                .isZero();
        Authorization gridWorkers = authorizations
                .createAuthorizationQuery()
                .groupIdIn(Role.GRID_WORKER.groupId())
                .resourceType(Resources.PROCESS_DEFINITION)
                .singleResult();
        assertThat(gridWorkers.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(gridWorkers.isPermissionGranted(Permissions.DELETE)).isFalse();
        assertThat(authorizations.isUserAuthorized(
                        OPERATOR, List.of(Role.OPERATOR.groupId()), Permissions.CREATE, Resources.DEPLOYMENT))
                .isTrue();
        assertThat(authorizations.isUserAuthorized(
                        ADMIN, List.of(Role.ADMIN.groupId()), Permissions.CREATE, Resources.DEPLOYMENT))
                .isFalse();
    }
}
