package cn.canbao.escalation.process;

import cn.canbao.escalation.EscalationService;
import cn.canbao.security.SystemAccess;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EscalateCase}: after a timer (still lagging at the re-check, or no plan by its due date) the case goes to
 * the levels above the county its county's rule names; the gateway after it reads whether there is any.
 */
@Component("escalateCase")
class EscalateCaseDelegate implements JavaDelegate {

    private final EscalationService escalations;

    EscalateCaseDelegate(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String why = execution.hasVariable(EscalationProcess.VAR_STILL_LAGGING) ? "RECHECK_LAGGING" : "PLAN_OVERDUE";
        List<String> to =
                SystemAccess.call(() -> escalations.escalate(EscalationTasks.caseId(escalations, execution), why));
        execution.setVariable(EscalationProcess.VAR_REPORT_ABOVE, !to.isEmpty());
        execution.setVariable(EscalationProcess.VAR_REPORT_LEVEL_NAMES, String.join("、", to));
    }
}
