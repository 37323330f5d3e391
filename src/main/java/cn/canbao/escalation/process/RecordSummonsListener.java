package cn.canbao.escalation.process;

import cn.canbao.escalation.EscalationService;
import cn.canbao.escalation.SummonsRecorded;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_Summons} completed: records the summons and sets when the plan is due and the deadline. */
@Component("recordSummons")
class RecordSummonsListener implements TaskListener {

    private final EscalationService escalations;
    private final Clock clock;

    RecordSummonsListener(EscalationService escalations, Clock clock) {
        this.clock = clock;
        this.escalations = escalations;
    }

    @Override
    public void notify(DelegateTask task) {
        SummonsRecorded recorded = escalations.recordSummons(
                EscalationTasks.caseId(escalations, task),
                EscalationTasks.date(task.getVariable(EscalationProcess.VAR_SUMMONS_DATE), clock.getZone()),
                (String) task.getVariable(EscalationProcess.VAR_ATTENDEES),
                (String) task.getVariable(EscalationProcess.VAR_MINUTES));
        task.getExecution().setVariable(EscalationProcess.VAR_PLAN_DUE, recorded.planDue());
        task.getExecution().setVariable(EscalationProcess.VAR_RECTIFICATION_DEADLINE, recorded.rectificationDeadline());
    }
}
