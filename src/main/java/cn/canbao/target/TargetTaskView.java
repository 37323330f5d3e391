package cn.canbao.target;

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
        return longVariable(BreakdownProcess.VAR_CAMPAIGN_ID);
    }
}
