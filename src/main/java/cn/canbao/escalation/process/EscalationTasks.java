package cn.canbao.escalation.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.escalation.EscalationService;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading the case id the way every delegate and listener of the case's process does. */
final class EscalationTasks {

    private EscalationTasks() {}

    /**
     * The case of the task's or step's process instance, from the row the case's start wrote (never the writable
     * {@code caseId} variable, which is only compared).
     */
    static long caseId(EscalationService escalations, VariableScope scope) {
        String instance = scope instanceof DelegateTask t
                ? t.getProcessInstanceId()
                : ((DelegateExecution) scope).getProcessInstanceId();
        long id = escalations.caseOfInstance(instance);
        ProcessRecord.requireSame(scope, EscalationProcess.VAR_CASE_ID, id);
        return id;
    }

    /**
     * A date a form sends as ISO text; Tasklist or REST may send a Date, read in {@code zone} (the application clock's).
     * Null when missing or unreadable.
     */
    static LocalDate date(Object value, ZoneId zone) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(zone).toLocalDate();
        }
        try {
            return value instanceof String s && !s.isBlank() ? LocalDate.parse(s.trim()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
