package cn.canbao.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.policy.rules.ExampleCase;
import cn.canbao.policy.rules.ExampleCases;
import cn.canbao.policy.rules.PolicyRules;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every bundled example case of 2025, evaluated through the decisions the engine deployed from
 * processes/policy-rules.dmn: the outputs (months, amounts) and the clause that fired.
 */
@CanbaoIntegrationTest
class PolicyExampleCasesIT {

    @Autowired
    PolicyRules rules;

    @Autowired
    ExampleCases cases;

    @Test
    void theCasesCoverEveryClauseOfBothTables() {
        List<ExampleCase> waiting = cases.forYear(2025, PolicyDecisions.WAITING_PERIOD);
        assertThat(waiting).hasSizeGreaterThanOrEqualTo(25);
        assertThat(waiting)
                .extracting(c -> c.expected().get(PolicyDecisions.OUT_WAITING_CLAUSE))
                .containsOnly("W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8")
                .contains("W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8");
        assertThat(cases.forYear(2025, PolicyDecisions.CAP_ADJUSTMENT))
                .extracting(c -> c.expected().get(PolicyDecisions.OUT_CAP_CLAUSE))
                .contains("C1", "C2", "C3");
        // the 2025 cases apply to later years until a later folder replaces them
        assertThat(cases.forYear(2030)).isEqualTo(cases.forYear(2025));
    }

    @TestFactory
    Stream<DynamicTest> everyCasePassesOnTheDeployedRules() {
        return cases.forYear(2025).stream()
                .map(c -> DynamicTest.dynamicTest(c.decisionKey() + " " + c.name(), () -> {
                    DecisionDefinition definition = rules.definition(c.decisionKey(), 2025);
                    assertThat(definition.getVersionTag()).isEqualTo("2025");
                    assertThat(c.mismatches(rules.evaluate(definition, c.inputs())))
                            .as(c.name())
                            .isEmpty();
                }));
    }

    @Test
    void aCaseWithAWrongExpectationIsCaught() {
        ExampleCase wrong = new ExampleCase(
                PolicyDecisions.WAITING_PERIOD,
                1,
                "断保2年（期望写错）",
                java.util.Map.of(
                        "newborn",
                        false,
                        "assisted",
                        false,
                        "veteran",
                        false,
                        "switchingScheme",
                        false,
                        "priorSchemeYears",
                        0,
                        "gapMonths",
                        0,
                        "inCollectionPeriod",
                        true,
                        "breakYears",
                        2,
                        "paidBackYears",
                        0),
                java.util.Map.of("waitingMonths", "3", "waitingClause", "W6"));
        assertThat(wrong.mismatches(
                        rules.evaluate(rules.definition(PolicyDecisions.WAITING_PERIOD, 2025), wrong.inputs())))
                .containsExactly("waitingMonths: 3 → 4");
    }
}
