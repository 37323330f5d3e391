package cn.canbao.task;

import cn.canbao.base.Translatable;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.task.TaskQuery;

/** Which of the user's tasks the list shows. */
public enum TaskFilter implements Translatable {
    /** Assigned to me, or offered to one of my groups (also when a colleague claimed it). */
    ALL,
    /** Assigned to me. */
    MINE,
    /** Offered to one of my groups, claimed or not. */
    MY_GROUPS,
    /** Of ALL, those past their due date. */
    OVERDUE;

    @Override
    public String messageKey() {
        return "task.filter." + name();
    }

    TaskQuery restrict(TaskQuery query, String username, List<String> groups, Date now) {
        return switch (this) {
            case ALL -> visibleTo(query, username, groups);
            case MINE -> query.taskAssignee(username);
            case MY_GROUPS -> query.taskCandidateGroupIn(groups).includeAssignedTasks();
            case OVERDUE -> visibleTo(query, username, groups).dueBefore(now);
        };
    }

    /**
     * Tasks a user may see: theirs, or candidates of their groups. Candidate queries skip assigned
     * tasks by default; including them keeps a task a colleague claimed visible to the whole group.
     */
    static TaskQuery visibleTo(TaskQuery query, String username, List<String> groups) {
        return query.or()
                .taskAssignee(username)
                .taskCandidateGroupIn(groups)
                .includeAssignedTasks()
                .endOr();
    }
}
