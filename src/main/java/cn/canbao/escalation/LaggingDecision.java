package cn.canbao.escalation;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/** Evaluates the deployed decision {@code LaggingTownship} (processes/lagging-township.dmn). */
@Component
class LaggingDecision {

    private final DecisionService decisions;

    LaggingDecision(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** Whether the township of this rank (1 = best) among {@code count} lags by the campaign's rule. */
    LaggingVerdict decide(int rank, int count, EscalationRule rule, BigDecimal completion, BigDecimal expected) {
        return evaluate(rank, count, rule.bottomN(), completion, expected, rule.tolerancePoints());
    }

    /** The progress-line rule alone (the ranking switched off), as the re-check at the deadline applies it. */
    LaggingVerdict belowLine(EscalationRule rule, BigDecimal completion, BigDecimal expected) {
        return evaluate(1, 1, 0, completion, expected, rule.tolerancePoints());
    }

    private LaggingVerdict evaluate(int rank, int count, int bottomN, BigDecimal completion, BigDecimal expected,
                                    BigDecimal tolerance) {
        DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(EscalationProcess.DECISION)
                .variables(Variables.createVariables()
                        .putValue(EscalationProcess.IN_RANK, rank)
                        .putValue(EscalationProcess.IN_TOWNSHIP_COUNT, count)
                        .putValue(EscalationProcess.IN_BOTTOM_N, bottomN)
                        .putValue(EscalationProcess.IN_COMPLETION, completion)
                        .putValue(EscalationProcess.IN_EXPECTED_COMPLETION, expected)
                        .putValue(EscalationProcess.IN_TOLERANCE_POINTS, tolerance))
                .evaluate().getSingleResult();
        boolean lagging = Boolean.TRUE.equals(result.getEntryMap().get(EscalationProcess.OUT_LAGGING));
        Object reason = result.getEntryMap().get(EscalationProcess.OUT_REASON);
        return new LaggingVerdict(lagging, lagging && reason != null ? reason.toString() : null);
    }
}
