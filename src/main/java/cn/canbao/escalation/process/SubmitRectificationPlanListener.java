package cn.canbao.escalation.process;

import cn.canbao.escalation.EscalationService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_RectificationPlan} completed: records the township head's plan. */
@Component("submitRectificationPlan")
class SubmitRectificationPlanListener implements TaskListener {

    private final EscalationService escalations;

    SubmitRectificationPlanListener(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void notify(DelegateTask task) {
        escalations.submitPlan(
                EscalationTasks.caseId(escalations, task), (String) task.getVariable(EscalationProcess.VAR_PLAN));
    }
}
