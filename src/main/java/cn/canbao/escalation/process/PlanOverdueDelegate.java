package cn.canbao.escalation.process;

import cn.canbao.escalation.EscalationService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_PlanOverdue}: the plan did not come by its due date (a timer); recorded before the escalation. */
@Component("planOverdue")
class PlanOverdueDelegate implements JavaDelegate {

    private final EscalationService escalations;

    PlanOverdueDelegate(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SystemAccess.run(() -> escalations.planOverdue(EscalationTasks.caseId(escalations, execution)));
    }
}
