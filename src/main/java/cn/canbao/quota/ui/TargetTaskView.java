package cn.canbao.quota.ui;

import cn.canbao.quota.TargetService;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import java.time.Clock;

/** The target task forms: a task form that also reads targets. */
abstract class TargetTaskView extends TaskFormView {

    protected final TargetService targets;

    TargetTaskView(String titleKey, TaskInbox inbox, TargetService targets, Clock clock) {
        super(titleKey, inbox, clock);
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
