package cn.canbao.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.policy.rules.PolicyRules;
import cn.canbao.policy.rules.PolicyRulesService;
import cn.canbao.policy.rules.RuleTable;
import cn.canbao.policy.rules.RuleVersion;
import cn.canbao.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rule admin's upload: a file that does not parse, lacks a decision, does not deploy or fails an
 * example case is refused with its reason and changes nothing (no deployment, no version row, the same
 * version in force); a good file becomes the version of its year and only of its year and later.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyUploadIT extends IntegrationTestBase {

    static final int YEAR = 2091;
    static final String BUNDLED = BundledRules.text();

    @Autowired
    PolicyRulesService admin;

    @Autowired
    PolicyRules rules;

    @Autowired
    RepositoryService repository;

    @BeforeAll
    void setUp() {
        security.ensureUser("clerk.policy", "350525000000", Role.CLERK);
        security.ensureUser("clerk.policy.town", "350525106000", Role.CLERK);
    }

    @Test
    void badFilesAreRefusedWithTheirReasonAndNothingChanges() {
        String inForce = rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR).getId();
        long deployments = repository.createDeploymentQuery().count();
        int rows = versionRows();

        refused("这不是DMN文件", "model.check.notXml");
        refused("<rules><rule>W1</rule></rules>", "policy.upload.unparseable");
        refused(BUNDLED.replace("id=\"WaitingPeriod\"", "id=\"WaitingTime\""), "policy.upload.missingDecision");
        // valid DMN XML, but the engine cannot build the requirements graph: a required decision is missing
        PolicyException notDeployable = refused(
                BUNDLED.replace(
                        "<requiredDecision href=\"#OriginalCap\" />", "<requiredDecision href=\"#NoSuchDecision\" />"),
                "policy.upload.notDeployable");
        // what the engine said stays in the log: the clerk gets no internals
        assertThat(notDeployable.args()).isEmpty();
        refused(
                BUNDLED.replace(
                        "<decisionTable id=\"DecisionTable_ContinuityReward\"",
                        "<informationRequirement "
                                + "id=\"Loop\"><requiredDecision href=\"#CapAdjustment\" /></informationRequirement>"
                                + "<decisionTable id=\"DecisionTable_ContinuityReward\""),
                "policy.upload.notDeployable");
        // W7 with 2 months instead of 3: deploys, but the cases outside the collection period fail
        PolicyException failing = refused(
                BUNDLED.replace(
                        "<outputEntry id=\"W7_Months\"><text>3</text>", "<outputEntry id=\"W7_Months\"><text>2</text>"),
                "policy.upload.casesFailed");
        assertThat(failing.args()[0]).isEqualTo(4);
        assertThat(failing.args()[2].toString()).contains("集中参保期外首次参保").contains("waitingMonths: 3 → 2");
        // a rule whose output cannot be computed fails the cases that reach it
        refused(
                BUNDLED.replace(
                        "3 + max(0, breakYears - 1 - paidBackYears)</text></outputEntry>\n        <outputEntry id=\"W6_Clause\">",
                        "3 + max(0, breakYears - 1 - noSuchInput)</text></outputEntry>\n        <outputEntry id=\"W6_Clause\">"),
                "policy.upload.casesFailed");

        assertThat(rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR).getId())
                .isEqualTo(inForce);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(versionRows()).isEqualTo(rows);
    }

    @Test
    void aGoodFileBecomesTheVersionOfItsYearAndAFailedOneAfterItLeavesItInForce() {
        String reworded = BUNDLED.replace("集中参保期内参保且未断保，无待遇等待期", "按时参保且未断保，不设待遇等待期");
        RuleVersion uploaded = security.as(
                "clerk.policy", () -> admin.upload(YEAR + 1, "规则-修订.dmn", reworded.getBytes(StandardCharsets.UTF_8)));
        assertThat(uploaded.year()).isEqualTo(YEAR + 1);
        assertThat(uploaded.uploadedBy()).isEqualTo("clerk.policy");

        String inForce =
                rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR + 1).getId();
        assertThat(repository.getDecisionDefinition(inForce).getDeploymentId()).isEqualTo(uploaded.deploymentId());
        assertThat(rules.definition(PolicyDecisions.CAP_ADJUSTMENT, YEAR + 5).getDeploymentId())
                .isEqualTo(uploaded.deploymentId());
        // the year before still takes the bundled rules
        assertThat(rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR).getVersionTag())
                .isEqualTo("2025");
        assertThat(jdbc.queryForObject(
                        "select file_name || ' ' || cases_passed || ' ' || uploaded_by "
                                + "from policy_rule_version where deployment_id = ?",
                        String.class,
                        uploaded.deploymentId()))
                .isEqualTo("规则-修订.dmn 48 clerk.policy");

        List<RuleVersion> versions = security.as("clerk.policy", () -> admin.versions());
        assertThat(versions)
                .filteredOn(v -> v.year() == YEAR + 1)
                .singleElement()
                .satisfies(v -> assertThat(v.active()).isTrue());
        assertThat(versions).filteredOn(v -> v.year() == 2025 && v.active()).hasSize(1);

        // the tables are read back from the deployed model, annotations and the new wording included
        List<RuleTable> tables = security.as("clerk.policy", () -> admin.tables(uploaded.deploymentId()));
        assertThat(tables)
                .extracting(RuleTable::decisionKey)
                .containsExactlyInAnyOrder(
                        "WaitingPeriod",
                        "ContinuityReward",
                        "ZeroClaimReward",
                        "BreakPenalty",
                        "OriginalCap",
                        "CapAdjustment");
        RuleTable waiting = tables.stream()
                .filter(t -> t.decisionKey().equals("WaitingPeriod"))
                .findFirst()
                .orElseThrow();
        assertThat(waiting.hitPolicy()).isEqualTo("FIRST");
        assertThat(waiting.inputs()).hasSize(9).contains("新生儿", "断保年数", "补缴年数");
        assertThat(waiting.rules()).hasSize(8);
        assertThat(waiting.rules().get(7).annotation()).startsWith("W8");
        assertThat(waiting.rules().get(7).outputEntries()).contains("\"按时参保且未断保，不设待遇等待期\"");

        // a failing upload for the same year afterwards leaves the uploaded version in force
        refused(
                BUNDLED.replace(
                        "<outputEntry id=\"W5_Months\"><text>max(6,", "<outputEntry id=\"W5_Months\"><text>max(5,"),
                YEAR + 1,
                "policy.upload.casesFailed");
        assertThat(rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR + 1).getId())
                .isEqualTo(inForce);
    }

    @Test
    void onlyClerksAtCountyLevelOrAboveManageTheRules() {
        assertThatThrownBy(() -> security.as(
                        "clerk.policy.town",
                        () -> admin.upload(YEAR + 3, "x.dmn", BUNDLED.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(
                        PolicyException.class, e -> assertThat(e.messageKey()).isEqualTo("policy.rules.outOfScope"));
        assertThat(rules.definition(PolicyDecisions.WAITING_PERIOD, YEAR + 3).getVersionTag())
                .isNotEqualTo(String.valueOf(YEAR + 3));
    }

    private PolicyException refused(String content, String key) {
        return refused(content, YEAR, key);
    }

    private PolicyException refused(String content, int year, String key) {
        try {
            security.as("clerk.policy", () -> admin.upload(year, "bad.dmn", content.getBytes(StandardCharsets.UTF_8)));
        } catch (PolicyException e) {
            assertThat(e.messageKey()).isEqualTo(key);
            return e;
        }
        throw new AssertionError("upload accepted, expected " + key);
    }

    private int versionRows() {
        Integer n = jdbc.queryForObject("select count(*) from policy_rule_version", Integer.class);
        return n == null ? 0 : n;
    }
}
