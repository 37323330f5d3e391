package cn.canbao.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.escalation.EscalationRule.Combine;
import java.io.FileInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The rules of processes/lagging-township.dmn on a standalone DMN engine, combined as {@link LaggingDecision} does:
 * the ranking, the progress line and the coverage rate, each only when the county set it, any or all of them.
 */
class LaggingTownshipDecisionTest {

    private static final DmnEngine ENGINE =
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final DmnDecision DECISION = parse();

    @Test
    void theBottomNLagOnlyWhenTheCountyUsesTheRanking() {
        Rule bottom3 = new Rule(3, null, null, Combine.ANY);
        for (int rank = 20; rank <= 22; rank++) {
            assertThat(decide(bottom3, rank, "80", "50", "99").lagging())
                    .as("rank %d", rank)
                    .isTrue();
        }
        assertThat(decide(bottom3, 20, "80", "50", "99")).isEqualTo(new LaggingVerdict(true, "排名后3位"));
        assertThat(decide(bottom3, 19, "80", "50", "99").lagging()).isFalse();
        assertThat(decide(new Rule(4, null, null, Combine.ANY), 19, "80", "50", "99"))
                .isEqualTo(new LaggingVerdict(true, "排名后4位"));
        // no ranking configured: the last of 22 far above the line does not lag, however it ranks
        assertThat(decide(new Rule(null, "0", null, Combine.ANY), 22, "80", "50", "99"))
                .isEqualTo(new LaggingVerdict(false, null));
    }

    @Test
    void belowTheProgressLineByMoreThanThePointsLags() {
        Rule line5 = new Rule(null, "5", null, Combine.ANY);
        assertThat(decide(line5, 5, "40.30", "45.50", "99")).isEqualTo(new LaggingVerdict(true, "低于进度线5.20个百分点"));
        assertThat(decide(new Rule(null, "6", null, Combine.ANY), 5, "40.30", "45.50", "99")
                        .lagging())
                .isFalse();
        // exactly the points below the line is not more than them; on the line is not below it
        assertThat(decide(line5, 5, "40.5", "45.5", "99").lagging()).isFalse();
        Rule line0 = new Rule(null, "0", null, Combine.ANY);
        assertThat(decide(line0, 10, "45.50", "45.50", "99").lagging()).isFalse();
        assertThat(decide(line0, 10, "45.49", "45.50", "99")).isEqualTo(new LaggingVerdict(true, "低于进度线0.01个百分点"));
    }

    @Test
    void coverageBelowTheThresholdLags() {
        Rule coverage95 = new Rule(null, null, "95", Combine.ANY);
        assertThat(decide(coverage95, 1, "100", "50", "94.99"))
                .isEqualTo(new LaggingVerdict(true, "参保率94.99%低于95.00%"));
        assertThat(decide(coverage95, 22, "10", "50", "95.00").lagging()).isFalse();
    }

    @Test
    void anyCriterionOrAllOfThemAsTheCountySets() {
        // bottom of the ranking, yet above the line and the coverage threshold
        assertThat(decide(new Rule(3, "0", "90", Combine.ANY), 22, "60", "50", "96"))
                .isEqualTo(new LaggingVerdict(true, "排名后3位"));
        assertThat(decide(new Rule(3, "0", "90", Combine.ALL), 22, "60", "50", "96")
                        .lagging())
                .isFalse();
        // all three hold: both combinations lag and name every reason, in the table's order
        assertThat(decide(new Rule(3, "0", "90", Combine.ALL), 22, "12.25", "50", "80.5"))
                .isEqualTo(new LaggingVerdict(true, "排名后3位，低于进度线37.75个百分点，参保率80.50%低于90.00%"));
        assertThat(decide(new Rule(3, "0", null, Combine.ANY), 22, "12.25", "50", "80.5"))
                .isEqualTo(new LaggingVerdict(true, "排名后3位，低于进度线37.75个百分点"));
    }

    @Test
    void aRuleWithoutCriteriaNeverLags() {
        assertThat(LaggingDecision.verdict(List.of(), Combine.ANY, Map.of("BOTTOM", "排名后3位"))
                        .lagging())
                .isFalse();
        assertThat(LaggingDecision.verdict(List.of(), Combine.ALL, Map.of()).lagging())
                .isFalse();
    }

    record Rule(Integer bottomN, String belowLine, String coverageBelow, Combine combine) {

        EscalationRule toRule() {
            return new EscalationRule(
                    "350525000000",
                    bottomN,
                    belowLine == null ? null : new BigDecimal(belowLine),
                    coverageBelow == null ? null : new BigDecimal(coverageBelow),
                    combine,
                    2,
                    7,
                    3,
                    List.of(),
                    null,
                    null);
        }
    }

    private static LaggingVerdict decide(Rule r, int rank, String completion, String expected, String coverage) {
        EscalationRule rule = r.toRule();
        DmnDecisionResult result = ENGINE.evaluateDecision(
                DECISION,
                Variables.createVariables()
                        .putValue("rank", rank)
                        .putValue("townshipCount", 22)
                        .putValue("bottomN", rule.bottomN())
                        .putValue("completion", new BigDecimal(completion))
                        .putValue("expectedCompletion", new BigDecimal(expected))
                        .putValue("belowLinePoints", rule.belowLinePoints())
                        .putValue("coverage", new BigDecimal(coverage))
                        .putValue("coverageBelow", rule.coverageBelow()));
        Map<String, String> hits = new LinkedHashMap<>();
        result.forEach(
                e -> hits.put(e.get("criterion").toString(), e.get("reason").toString()));
        return LaggingDecision.verdict(rule.criteria(), rule.combine(), hits);
    }

    private static DmnDecision parse() {
        try (InputStream in = new FileInputStream("processes/lagging-township.dmn")) {
            return ENGINE.parseDecision("LaggingTownship", in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
