package cn.canbao.task.process;

import cn.canbao.security.SystemAccess;
import cn.canbao.task.TaskReminders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${remindOverdueTask}}: behind a non-interrupting timer on a user task, reminds that task.
 * Input parameter {@code taskKey}: the user task's id in the BPMN.
 */
@Component("remindOverdueTask")
class RemindOverdueTaskDelegate implements JavaDelegate {

    private final TaskReminders reminders;

    RemindOverdueTaskDelegate(TaskReminders reminders) {
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String taskKey = (String) execution.getVariableLocal(TaskVariables.TASK_KEY);
        if (taskKey == null) {
            throw new IllegalStateException("remindOverdueTask needs the input parameter " + TaskVariables.TASK_KEY);
        }
        // the overdue timer's step: the system reminds, whoever's thread the timer fires in
        SystemAccess.run(() -> reminders.remind(execution.getProcessInstanceId(), taskKey));
    }
}
