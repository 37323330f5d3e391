package cn.canbao.task;

import cn.canbao.base.DomainException;

/** A task the current user cannot see, claim, return or complete. */
public class TaskException extends DomainException {

    public TaskException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    static TaskException gone(String taskId) {
        return new TaskException("task.gone", taskId);
    }

    static TaskException notVisible(String taskId) {
        return new TaskException("task.notVisible", taskId);
    }

    static TaskException claimedByOther(String who) {
        return new TaskException("task.claimedByOther", who);
    }
}
