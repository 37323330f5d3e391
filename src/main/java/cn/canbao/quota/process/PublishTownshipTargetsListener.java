package cn.canbao.quota.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.quota.TargetService;
import cn.canbao.security.SystemAccess;
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
        long campaignId = ProcessRecord.id(task, BreakdownProcess.VAR_CAMPAIGN_ID);
        targets.publish(campaignId, TargetVariables.parse(task.getVariable(BreakdownProcess.VAR_TARGETS)), (String)
                task.getVariable(BreakdownProcess.VAR_COMMENT));
        // the townships the breakdowns start for come from the campaign's targets, not from what the task sent
        task.getExecution()
                .setVariable(
                        BreakdownProcess.VAR_TOWNSHIPS, SystemAccess.call(() -> targets.proposedTownships(campaignId)));
    }
}
