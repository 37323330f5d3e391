package cn.canbao.escalation.process;

import cn.canbao.escalation.EscalationService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecheckTownship}: at the deadline (a timer, nobody logged in), is the township still lagging? */
@Component("recheckTownship")
class RecheckTownshipDelegate implements JavaDelegate {

    private final EscalationService escalations;

    RecheckTownshipDelegate(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean stillLagging =
                SystemAccess.call(() -> escalations.recheck(EscalationTasks.caseId(escalations, execution)));
        execution.setVariable(EscalationProcess.VAR_STILL_LAGGING, stillLagging);
    }
}
