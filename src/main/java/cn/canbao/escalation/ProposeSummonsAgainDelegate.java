package cn.canbao.escalation;

import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ProposeAgain}: the postponement is over (a timer, nobody logged in); the summons is proposed again. */
@Component("proposeSummonsAgain")
class ProposeSummonsAgainDelegate implements JavaDelegate {

    private final EscalationService escalations;

    ProposeSummonsAgainDelegate(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SystemAccess.run(() -> escalations.proposeAgain(EscalationTasks.caseId(escalations, execution)));
    }
}
