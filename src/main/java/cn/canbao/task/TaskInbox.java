package cn.canbao.task;

import cn.canbao.base.DomainException;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current user's open process tasks: those assigned to them and those offered to their groups
 * ({@link CanbaoUser#camundaGroups()}). Our service calls run without a Camunda authentication, so
 * the engine does not narrow them: every method here does, by assignee and candidate groups.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
public class TaskInbox {

    /** The list is for working through, not for archives: more than this means filtering first. */
    public static final int LIMIT = 500;

    private final TaskService tasks;
    private final InboxAssembler assembler;
    private final Clock clock;

    TaskInbox(TaskService tasks, InboxAssembler assembler, Clock clock) {
        this.clock = clock;
        this.tasks = tasks;
        this.assembler = assembler;
    }

    /**
     * The user's open tasks by the filter (null: {@link TaskFilter#ALL}), earliest due first (tasks
     * without a due date last), then oldest first; at most {@value #LIMIT}.
     */
    public List<InboxTask> open(TaskFilter filter) {
        CanbaoUser user = CurrentUser.require();
        Date now = Date.from(clock.instant());
        // suspended tasks cannot be worked on until an admin resumes their process
        List<Task> found = (filter == null ? TaskFilter.ALL : filter)
                .restrict(tasks.createTaskQuery(), user.getUsername(), user.camundaGroups(), now)
                .active()
                .initializeFormKeys()
                .orderByDueDate()
                .asc() // PostgreSQL sorts nulls last in ascending order
                .orderByTaskCreateTime()
                .asc()
                .listPage(0, LIMIT);
        return assembler.assemble(distinctById(found), user.getUsername(), now);
    }

    /** One task the user may see; {@code task.gone} when completed or unknown, else {@code task.notVisible}. */
    public InboxTask get(String taskId) {
        CanbaoUser user = CurrentUser.require();
        return assembler
                .assemble(List.of(visibleTask(user, taskId)), user.getUsername(), Date.from(clock.instant()))
                .get(0);
    }

    /** Takes the task for the current user; refused when a colleague has it already. */
    public void claim(String taskId) {
        CanbaoUser user = CurrentUser.require();
        Task task = visibleTask(user, taskId);
        if (user.getUsername().equals(task.getAssignee())) {
            return;
        }
        if (task.getAssignee() != null) {
            throw claimedByOther(task.getAssignee());
        }
        claimFor(user, taskId);
    }

    /** Gives the task back to its groups; only its assignee may, and only if it has candidate groups. */
    public void unclaim(String taskId) {
        CanbaoUser user = CurrentUser.require();
        Task task = visibleTask(user, taskId);
        if (!user.getUsername().equals(task.getAssignee())) {
            throw new TaskException("task.notAssignee", task.getName());
        }
        boolean offeredToGroups = tasks.getIdentityLinksForTask(taskId).stream()
                .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null);
        if (!offeredToGroups) {
            // nobody could pick it up again
            throw new TaskException("task.personal", task.getName());
        }
        tasks.setAssignee(taskId, null);
    }

    /**
     * Completes the task with the given variables, claiming it first when unclaimed (one transaction).
     * A {@link DomainException} of the process (e.g. from a task listener) reaches the caller as is.
     */
    @Transactional
    public void complete(String taskId, Map<String, Object> variables) {
        CanbaoUser user = CurrentUser.require();
        Task task = visibleTask(user, taskId);
        if (task.getAssignee() == null) {
            claimFor(user, taskId);
        } else if (!user.getUsername().equals(task.getAssignee())) {
            throw claimedByOther(task.getAssignee());
        }
        try {
            tasks.complete(taskId, variables);
        } catch (RuntimeException failed) {
            throw domainCause(failed);
        }
    }

    /** The variables the task sees (its own and its scopes'). */
    public Map<String, Object> variables(String taskId) {
        visibleTask(CurrentUser.require(), taskId);
        return new LinkedHashMap<>(tasks.getVariables(taskId));
    }

    private Task visibleTask(CanbaoUser user, String taskId) {
        if (taskId == null || taskId.isBlank()) {
            throw TaskException.gone(taskId);
        }
        List<Task> visible = TaskFilter.visibleTo(
                        tasks.createTaskQuery().taskId(taskId), user.getUsername(), user.camundaGroups())
                .initializeFormKeys()
                .list();
        if (!visible.isEmpty()) {
            return visible.get(0);
        }
        if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
            throw TaskException.gone(taskId);
        }
        throw TaskException.notVisible(taskId);
    }

    private void claimFor(CanbaoUser user, String taskId) {
        try {
            tasks.claim(taskId, user.getUsername());
        } catch (TaskAlreadyClaimedException raced) {
            throw claimedByOther(raced.getTaskAssignee());
        }
    }

    private TaskException claimedByOther(String username) {
        return TaskException.claimedByOther(assembler.displayName(username));
    }

    /** Camunda wraps what task listeners and delegates throw; our refusals go out unwrapped. */
    private static RuntimeException domainCause(RuntimeException failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain;
            }
        }
        return failed;
    }

    private static List<Task> distinctById(List<Task> found) {
        Map<String, Task> byId = new LinkedHashMap<>();
        found.forEach(t -> byId.putIfAbsent(t.getId(), t));
        return List.copyOf(byId.values());
    }
}
