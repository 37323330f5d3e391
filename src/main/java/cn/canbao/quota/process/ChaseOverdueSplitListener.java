package cn.canbao.quota.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.quota.TargetService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ChaseOverdueSplit}: created when a split is overdue past its second deadline (the
 * escalation is recorded), completed when the level above has chased it (their note is recorded).
 */
@Component("chaseOverdueSplit")
class ChaseOverdueSplitListener implements TaskListener {

    private final TargetService targets;

    ChaseOverdueSplitListener(TargetService targets) {
        this.targets = targets;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean created = EVENTNAME_CREATE.equals(task.getEventName());
        if (created) {
            // created by a timer on the job executor: nobody is logged in, the escalation is the system's
            SystemAccess.run(() -> record(task, true));
        } else {
            record(task, false);
        }
    }

    private void record(DelegateTask task, boolean created) {
        TargetService.Breakdown b = targets.breakdownOf(task.getProcessInstanceId());
        ProcessRecord.requireSame(task, BreakdownProcess.VAR_REGION_CODE, b.regionCode());
        targets.recordChase(
                b.campaignId(),
                b.regionCode(),
                created,
                created ? null : (String) task.getVariable(BreakdownProcess.VAR_CHASE_NOTE));
    }
}
