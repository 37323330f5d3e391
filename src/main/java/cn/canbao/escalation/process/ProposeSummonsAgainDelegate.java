package cn.canbao.escalation.process;

import cn.canbao.escalation.EscalationService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ProposeAgain}: the postponement is over (a timer, nobody logged in); a township still lagging is proposed
 * again, one that caught up ends the case ({@code stillLagging} chooses the path).
 */
@Component("proposeSummonsAgain")
class ProposeSummonsAgainDelegate implements JavaDelegate {

    private final EscalationService escalations;

    ProposeSummonsAgainDelegate(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean stillLagging =
                SystemAccess.call(() -> escalations.proposeAgain(EscalationTasks.caseId(escalations, execution)));
        execution.setVariable(EscalationProcess.VAR_STILL_LAGGING, stillLagging);
    }
}
