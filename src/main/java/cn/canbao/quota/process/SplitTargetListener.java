package cn.canbao.quota.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.quota.TargetService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_SplitTarget} completed: stores the split; refuses (the task stays open) when it does not add up unexplained. */
@Component("splitTarget")
class SplitTargetListener implements TaskListener {

    private final TargetService targets;

    SplitTargetListener(TargetService targets) {
        this.targets = targets;
    }

    @Override
    public void notify(DelegateTask task) {
        TargetService.Breakdown b = targets.breakdownOf(task.getProcessInstanceId());
        ProcessRecord.requireSame(task, BreakdownProcess.VAR_REGION_CODE, b.regionCode());
        targets.split(
                b.campaignId(),
                b.regionCode(),
                TargetVariables.parse(task.getVariable(BreakdownProcess.VAR_TARGETS)),
                (String) task.getVariable(BreakdownProcess.VAR_COMMENT));
    }
}
