package cn.canbao.escalation;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading the case id the way every delegate and listener of the case's process does. */
final class EscalationTasks {

    private EscalationTasks() {
    }

    static long caseId(VariableScope scope) {
        return ((Number) scope.getVariable(EscalationProcess.VAR_CASE_ID)).longValue();
    }
}
