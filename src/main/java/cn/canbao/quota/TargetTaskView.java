package cn.canbao.quota;

import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;

/** The target task forms: a task form that also reads targets. */
abstract class TargetTaskView extends TaskFormView {

    static final java.time.format.DateTimeFormatter DUE = TIME;

    protected final TargetService targets;

    TargetTaskView(TaskInbox inbox, TargetService targets) {
        super(inbox);
        this.targets = targets;
    }

    protected long campaignId() {
        return recordId();
    }

    /** The region the task's breakdown is about, from the row the breakdown claimed (not a variable). */
    protected String regionCode() {
        return targets.breakdownOf(task.processInstanceId()).regionCode();
    }
}
