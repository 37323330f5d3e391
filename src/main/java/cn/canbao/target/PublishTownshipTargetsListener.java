package cn.canbao.target;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_PublishTownshipTargets} completed: stores the townships' targets the county leader set. */
@Component("publishTownshipTargets")
class PublishTownshipTargetsListener implements TaskListener {

    private final TargetService targets;

    PublishTownshipTargetsListener(TargetService targets) {
        this.targets = targets;
    }

    @Override
    public void notify(DelegateTask task) {
        targets.publish(((Number) task.getVariable(BreakdownProcess.VAR_CAMPAIGN_ID)).longValue(),
                TargetVariables.parse(task.getVariable(BreakdownProcess.VAR_TARGETS)),
                (String) task.getVariable(BreakdownProcess.VAR_COMMENT));
    }
}
