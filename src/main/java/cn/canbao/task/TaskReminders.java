package cn.canbao.task;

import cn.canbao.task.process.TaskVariables;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Reminds the assignees and groups of overdue tasks: the task moves up (priority 80), carries when it
 * was reminded ({@code remindedAt}, task-local) and a comment that Tasklist shows too.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
public class TaskReminders {

    static final int OVERDUE_PRIORITY = 80;
    /** Comments are stored once for every reader, like BPMN names: in Chinese. */
    private static final Locale COMMENTS = Locale.SIMPLIFIED_CHINESE;

    private final TaskService tasks;
    private final MessageSource messages;
    private final Clock clock;

    TaskReminders(TaskService tasks, MessageSource messages, Clock clock) {
        this.clock = clock;
        this.tasks = tasks;
        this.messages = messages;
    }

    /** Reminds the open tasks of the given definition key in the process instance; returns how many. */
    public int remind(String processInstanceId, String taskKey) {
        List<Task> open = tasks.createTaskQuery()
                .processInstanceId(processInstanceId)
                .taskDefinitionKey(taskKey)
                .list();
        Date now = Date.from(clock.instant());
        String comment = messages.getMessage("task.reminder.comment", null, COMMENTS);
        for (Task task : open) {
            tasks.setPriority(task.getId(), Math.max(task.getPriority(), OVERDUE_PRIORITY));
            tasks.setVariableLocal(task.getId(), TaskVariables.REMINDED_AT, now);
            tasks.createComment(task.getId(), processInstanceId, comment);
        }
        return open.size();
    }
}
