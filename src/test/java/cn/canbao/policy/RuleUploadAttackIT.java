package cn.canbao.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.attack.RowFingerprint;
import cn.canbao.policy.rules.PolicyRules;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15, hole 2 — rule upload can run code. As a real HTTP client on {@code POST /api/policy-rules}: a
 * county clerk's DMN with JUEL bean access or a JavaScript input expression is refused with 400 and the
 * Chinese reason, without internals, leaving the versions, Camunda's repository and the rules in force as
 * they were, and the refusal audited; a township leader, a grid worker and a township clerk get 403 for a
 * good file; the clerk's good file is accepted (201), in force, with its uploader recorded, and an earlier
 * version can be put back in force. Year 2099 is this test's alone; its versions are deleted afterwards.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleUploadAttackIT extends IntegrationTestBase {

    static final int YEAR = 2099;
    static final String BUNDLED = BundledRules.text();
    static final String CLERK = "rules.attack.clerk";
    static final String LEADER = "rules.attack.leader";
    static final String GRID = "rules.attack.grid";
    static final String TOWN_CLERK = "rules.attack.townclerk";
    static final String ON_TIME = "\"集中参保期内参保且未断保，无待遇等待期\"";
    static final Path PWNED = Path.of(System.getProperty("java.io.tmpdir"), "canbao-rule-upload-pwned");
    static final List<String> TABLES =
            List.of("policy_rule_version", "act_re_deployment", "act_re_decision_def", "act_re_decision_req_def");

    @LocalServerPort
    int port;

    @Autowired
    RowFingerprint fingerprint;

    @Autowired
    PolicyRules rules;

    @Autowired
    RepositoryService repository;

    @BeforeAll
    void setUp() {
        security.ensureUser(CLERK, "350525000000", Role.CLERK);
        security.ensureUser(LEADER, "350525101000", Role.TOWNSHIP_LEADER);
        security.ensureUser(GRID, "350525101001001", Role.GRID_WORKER);
        security.ensureUser(TOWN_CLERK, "350525101000", Role.CLERK);
    }

    @AfterAll
    void removeThisYearsVersions() {
        for (String id :
                jdbc.queryForList("select deployment_id from policy_rule_version where year = ?", String.class, YEAR)) {
            repository.deleteDeployment(id, true);
        }
        jdbc.update("delete from policy_rule_version where year = ?", YEAR);
    }

    @Test
    void juelBeanAccessIsRefusedAndNothingChanges() {
        String beanCall = BUNDLED.replace(
                "<outputEntry id=\"W8_Reason\"><text>" + ON_TIME + "</text>",
                "<outputEntry id=\"W8_Reason\"><text>${policyRulesService.reinstate('x')}</text>");
        String staticCall = BUNDLED.replace(
                "<inputEntry id=\"W1_2\"><text>-</text>",
                "<inputEntry id=\"W1_2\"><text>"
                        + "#{''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                        + ".exec('touch " + PWNED + "')}</text>");
        String exit = BUNDLED.replace(
                "<outputEntry id=\"C3_Change\"><text>",
                "<outputEntry id=\"C3_Change\"><text>"
                        + "${''.getClass().forName('java.lang.System').getMethod('exit', ''.getClass()).invoke(null, 1)} + ");

        assertRefused(beanCall, "model.check.juel", "W8_Reason", "JUEL");
        assertRefused(staticCall, "model.check.juel", "W1_2", "JUEL");
        assertRefused(exit, "model.check.juel", "C3_Change", "JUEL");
        assertThat(PWNED).doesNotExist();
    }

    @Test
    void javascriptIsRefusedAndNothingChanges() {
        String javascript = BUNDLED.replace(
                "<inputExpression id=\"InputExpression_Newborn\" typeRef=\"boolean\"><text>newborn</text>",
                "<inputExpression id=\"InputExpression_Newborn\" typeRef=\"boolean\" expressionLanguage=\"javascript\">"
                        + "<text>java.lang.System.exit(1)</text>");
        assertRefused(javascript, "model.check.foreignLanguage", "InputExpression_Newborn", "FEEL以外的表达式语言");

        // the same refusal in English for a caller who asks for it
        HttpResponse<String> english = upload(
                HttpAttacker.basic(port, CLERK, SecurityTestSupport.PASSWORD).header("Accept-Language", "en"),
                "evil.dmn",
                javascript);
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(HttpAttacker.json(english).path("detail").asText())
                .isEqualTo("Element InputExpression_Newborn uses an expression language other than FEEL; "
                        + "uploaded rules may use FEEL only");
    }

    @Test
    void peopleBelowTheCountyClerksCannotUploadOrList() {
        Map<String, String> before = fingerprint.of(TABLES);
        String inForce = rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR).getId();
        for (String user : List.of(LEADER, GRID, TOWN_CLERK)) {
            HttpAttacker attacker = HttpAttacker.basic(port, user, SecurityTestSupport.PASSWORD);
            HttpResponse<String> upload = upload(attacker, "good.dmn", BUNDLED);
            assertThat(upload.statusCode()).as(user).isEqualTo(403);
            assertThat(HttpAttacker.json(upload).path("detail").asText())
                    .as(user)
                    .isEqualTo("只有县级及以上的经办人员和管理员可以查看和上传政策规则");
            assertThat(lastAudit(user))
                    .containsExactly("RULE_REFUSED", "REFUSED", YEAR + " good.dmn", "policy.rules.outOfScope");
            assertThat(attacker.get("/api/policy-rules").statusCode()).as(user).isEqualTo(403);
        }
        assertThat(fingerprint.of(TABLES)).isEqualTo(before);
        assertThat(rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR).getId())
                .isEqualTo(inForce);
    }

    @Test
    void aGoodFileFromTheClerkIsInForceAndAnEarlierVersionCanBePutBack() throws IOException {
        HttpAttacker clerk = HttpAttacker.basic(port, CLERK, SecurityTestSupport.PASSWORD);
        String first = BUNDLED.replace(ON_TIME, "\"按时参保且未断保，不设待遇等待期\"");
        HttpResponse<String> created = upload(clerk, "规则-2099.dmn", first);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode version = HttpAttacker.json(created);
        String firstId = version.path("deploymentId").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/policy-rules/" + firstId);
        assertThat(version.path("year").asInt()).isEqualTo(YEAR);
        assertThat(version.path("uploadedBy").asText()).isEqualTo(CLERK);
        assertThat(version.path("active").asBoolean()).isTrue();
        assertThat(inForceDeployment()).isEqualTo(firstId);
        assertThat(jdbc.queryForObject(
                        "select uploaded_by || ' ' || file_name from policy_rule_version " + "where deployment_id = ?",
                        String.class,
                        firstId))
                .isEqualTo(CLERK + " 规则-2099.dmn");
        assertThat(lastAudit(CLERK))
                .containsExactly("RULE_UPLOADED", "ALLOWED", YEAR + " 规则-2099.dmn", "deployment " + firstId);

        // a second version replaces it; the first stays listed and can be put back in force
        HttpResponse<String> second = upload(clerk, "规则-2099-b.dmn", BUNDLED.replace(ON_TIME, "\"按时参保，无等待期\""));
        assertThat(second.statusCode()).isEqualTo(201);
        String secondId = HttpAttacker.json(second).path("deploymentId").asText();
        assertThat(inForceDeployment()).isEqualTo(secondId);
        JsonNode listed = HttpAttacker.json(clerk.get("/api/policy-rules"));
        assertThat(listed.findValues("deploymentId"))
                .extracting(JsonNode::asText)
                .contains(firstId, secondId);
        assertThat(HttpAttacker.json(clerk.get("/api/policy-rules/" + firstId))
                        .path("active")
                        .asBoolean())
                .isFalse();

        HttpResponse<String> reinstated =
                clerk.send(HttpRequest.newBuilder(clerk.uri("/api/policy-rules/" + firstId + "/reinstate"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reinstated.statusCode()).as(reinstated.body()).isEqualTo(201);
        String againId = HttpAttacker.json(reinstated).path("deploymentId").asText();
        assertThat(againId).isNotIn(firstId, secondId);
        assertThat(HttpAttacker.json(reinstated).path("fileName").asText()).isEqualTo("规则-2099.dmn");
        assertThat(inForceDeployment()).isEqualTo(againId);
        assertThat(dmnOf(againId)).contains("按时参保且未断保，不设待遇等待期");
        assertThat(lastAudit(CLERK))
                .containsExactly(
                        "RULE_UPLOADED",
                        "ALLOWED",
                        "reinstate " + firstId,
                        "deployment " + againId + ", reinstating " + firstId);
        // the years before keep their rules
        assertThat(rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR - 1).getDeploymentId())
                .isNotIn(firstId, secondId, againId);
    }

    /** Posts the file as the county clerk and asserts the refusal, its audit and that nothing changed. */
    private void assertRefused(String dmn, String code, String elementId, String reasonText) {
        Map<String, String> before = fingerprint.of(TABLES);
        String inForce = rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR).getId();

        HttpResponse<String> response =
                upload(HttpAttacker.basic(port, CLERK, SecurityTestSupport.PASSWORD), "evil.dmn", dmn);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = HttpAttacker.json(response);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("detail").asText())
                .startsWith("元素 " + elementId + " ")
                .contains(reasonText)
                .contains("只允许FEEL");
        assertThat(response.body())
                .doesNotContain(
                        "Exception",
                        "java.lang",
                        "org.camunda",
                        "cn.canbao",
                        "\tat ",
                        "getRuntime",
                        "System",
                        "policyRulesService",
                        "trace");
        assertThat(fingerprint.of(TABLES)).isEqualTo(before);
        assertThat(rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR).getId())
                .isEqualTo(inForce);
        assertThat(lastAudit(CLERK)).containsExactly("RULE_REFUSED", "REFUSED", YEAR + " evil.dmn", code);
    }

    private String inForceDeployment() {
        return rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR).getDeploymentId();
    }

    private String dmnOf(String deploymentId) throws IOException {
        String resource = repository.getDeploymentResourceNames(deploymentId).get(0);
        try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** action, outcome, subject, detail of the user's newest rule upload audit entry. */
    private List<String> lastAudit(String user) {
        return jdbc.queryForObject(
                "select action, outcome, subject, detail from security_audit where actor = ? "
                        + "and action in ('RULE_UPLOADED', 'RULE_REFUSED') order by id desc limit 1",
                (rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                user);
    }

    /** Uploads the decision file as the rules of {@link #YEAR}, as the caller. */
    private static HttpResponse<String> upload(HttpAttacker caller, String fileName, String dmn) {
        return caller.postMultipart(
                "/api/policy-rules",
                Map.of("year", String.valueOf(YEAR)),
                "file",
                fileName,
                dmn.getBytes(StandardCharsets.UTF_8));
    }
}
