package cn.canbao.base;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Which domain record a process instance is about, read from state the process owns: its business key,
 * fixed when our service started it. Process variables are not that state: whoever may complete a task
 * (Tasklist, {@code /engine-rest}) may also write them. A variable that still carries the id (for Cockpit's
 * eyes) is only compared: if somebody changed it, the step is refused rather than acting on another record.
 */
public final class ProcessRecord {

    private ProcessRecord() {}

    /** The record id of the task's process instance; {@code idVariable} is checked against it when present. */
    public static long id(DelegateTask task, String idVariable) {
        return id(task.getExecution(), idVariable);
    }

    /** The record id of the execution's process instance; {@code idVariable} is checked against it when present. */
    public static long id(DelegateExecution execution, String idVariable) {
        long id = id(execution.getProcessBusinessKey());
        requireSame(execution, idVariable, Long.toString(id));
        return id;
    }

    /** A business key that names a record by its number. */
    public static long id(String businessKey) {
        try {
            return Long.parseLong(businessKey);
        } catch (NumberFormatException | NullPointerException e) {
            throw new DomainException("process.error.noRecord", String.valueOf(businessKey));
        }
    }

    /**
     * Refuses when the scope's variable {@code name} (if any) claims another record than {@code owned}, which the
     * caller read from state the process owns.
     */
    public static void requireSame(VariableScope scope, String name, Object owned) {
        if (name != null) {
            requireSame(scope.getVariable(name), String.valueOf(owned));
        }
    }

    /**
     * Refuses when a variable claims another record than the one the process owns (the variable was changed
     * through a task or the REST API); a missing variable is fine, since the owned state decides anyway.
     */
    static void requireSame(Object claimed, String owned) {
        if (claimed == null) {
            return;
        }
        String value = claimed instanceof Number n
                ? Long.toString(n.longValue())
                : claimed.toString().strip();
        if (!value.equals(owned)) {
            throw new ProcessTampered();
        }
    }

    /** A variable naming a domain record no longer names the one its process is about. */
    public static final class ProcessTampered extends DomainException {
        private static final long serialVersionUID = 1L;

        ProcessTampered() {
            super("process.error.tampered");
        }
    }
}
