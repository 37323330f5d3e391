package cn.canbao.escalation;

import cn.canbao.escalation.process.EscalationProcess;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates the deployed decision {@code LaggingTownship} (processes/lagging-township.dmn), which names the criteria
 * a township meets, and combines them by the county's rule: any configured one, or all of them.
 */
@Component
class LaggingDecision {

    private final DecisionService decisions;

    LaggingDecision(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** Whether the township of this rank (1 = best) among {@code count} lags in a bulletin by the county's rule. */
    LaggingVerdict decide(
            int rank, int count, EscalationRule rule, BigDecimal completion, BigDecimal expected, BigDecimal coverage) {
        return verdict(rule.criteria(), rule.combine(), hits(rank, count, rule, completion, expected, coverage));
    }

    /**
     * The re-check at the rectification deadline: the rule's absolute criteria (progress line, coverage) — someone is
     * always at the bottom of a ranking, so the ranking counts here only when the county set nothing else.
     */
    LaggingVerdict recheck(
            int rank, int count, EscalationRule rule, BigDecimal completion, BigDecimal expected, BigDecimal coverage) {
        List<String> criteria = rule.criteria().size() > 1 || rule.bottomN() == null
                ? rule.criteria().stream()
                        .filter(c -> !c.equals(EscalationRule.BOTTOM))
                        .toList()
                : rule.criteria();
        Map<String, String> hits = hits(rank, count, rule, completion, expected, coverage);
        hits.keySet().retainAll(criteria);
        return verdict(criteria, rule.combine(), hits);
    }

    /** Criterion → reason of every rule of the decision the township meets, in the table's order. */
    private Map<String, String> hits(
            int rank, int count, EscalationRule rule, BigDecimal completion, BigDecimal expected, BigDecimal coverage) {
        DmnDecisionResult result = decisions
                .evaluateDecisionByKey(EscalationProcess.DECISION)
                .variables(Variables.createVariables()
                        .putValue(EscalationProcess.IN_RANK, rank)
                        .putValue(EscalationProcess.IN_TOWNSHIP_COUNT, count)
                        .putValue(EscalationProcess.IN_BOTTOM_N, rule.bottomN())
                        .putValue(EscalationProcess.IN_COMPLETION, completion)
                        .putValue(EscalationProcess.IN_EXPECTED_COMPLETION, expected)
                        .putValue(EscalationProcess.IN_BELOW_LINE_POINTS, rule.belowLinePoints())
                        .putValue(EscalationProcess.IN_COVERAGE, coverage)
                        .putValue(EscalationProcess.IN_COVERAGE_BELOW, rule.coverageBelow()))
                .evaluate();
        Map<String, String> hits = new LinkedHashMap<>();
        result.forEach(entry -> hits.put(
                String.valueOf(entry.get(EscalationProcess.OUT_CRITERION)),
                String.valueOf(entry.get(EscalationProcess.OUT_REASON))));
        return hits;
    }

    /**
     * Lagging when one configured criterion holds ({@code ANY}) or every one does ({@code ALL}); the reason names the
     * criteria that hold, in the decision table's order.
     */
    static LaggingVerdict verdict(List<String> configured, EscalationRule.Combine combine, Map<String, String> hits) {
        Map<String, String> met = new LinkedHashMap<>(hits);
        met.keySet().retainAll(configured);
        boolean lagging = !configured.isEmpty()
                && (combine == EscalationRule.Combine.ALL ? met.keySet().containsAll(configured) : !met.isEmpty());
        return new LaggingVerdict(lagging, lagging ? String.join("，", met.values()) : null);
    }
}
