package cn.canbao.escalation.process;

import cn.canbao.escalation.EscalationService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReportToCity}: completed when the county leader has reported to the levels above the county. Instances
 * of the process's first version escalate when the task is created (later versions in {@code Task_EscalateCase}).
 */
@Component("reportToCity")
class ReportToCityListener implements TaskListener {

    private final EscalationService escalations;

    ReportToCityListener(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            String why = task.hasVariable(EscalationProcess.VAR_STILL_LAGGING) ? "RECHECK_LAGGING" : "PLAN_OVERDUE";
            SystemAccess.run(() -> escalations.escalate(EscalationTasks.caseId(escalations, task), why));
        } else {
            long caseId = EscalationTasks.caseId(escalations, task);
            escalations.reportToCity(caseId, (String) task.getVariable(EscalationProcess.VAR_REPORT), (String)
                    task.getVariable(EscalationProcess.VAR_REPORTED_TO));
        }
    }
}
