package cn.canbao.target;

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
        targets.split(((Number) task.getVariable(BreakdownProcess.VAR_CAMPAIGN_ID)).longValue(),
                (String) task.getVariable(BreakdownProcess.VAR_REGION_CODE),
                TargetVariables.parse(task.getVariable(BreakdownProcess.VAR_TARGETS)),
                (String) task.getVariable(BreakdownProcess.VAR_COMMENT));
    }
}
