package cn.canbao.escalation;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** {@code Task_Summons} completed: records the summons and sets when the plan is due and the deadline. */
@Component("recordSummons")
class RecordSummonsListener implements TaskListener {

    private final EscalationService escalations;

    RecordSummonsListener(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void notify(DelegateTask task) {
        SummonsRecorded recorded = escalations.recordSummons(EscalationTasks.caseId(escalations, task),
                date(task.getVariable(EscalationProcess.VAR_SUMMONS_DATE)),
                (String) task.getVariable(EscalationProcess.VAR_ATTENDEES),
                (String) task.getVariable(EscalationProcess.VAR_MINUTES));
        task.getExecution().setVariable(EscalationProcess.VAR_PLAN_DUE, recorded.planDue());
        task.getExecution().setVariable(EscalationProcess.VAR_RECTIFICATION_DEADLINE, recorded.rectificationDeadline());
    }

    /** The form sends an ISO date; Tasklist or REST may send a Date. */
    private static LocalDate date(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(cn.canbao.campaign.CampaignService.ZONE).toLocalDate();
        }
        try {
            return value instanceof String s && !s.isBlank() ? LocalDate.parse(s.trim()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
