package cn.canbao.quota.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.quota.BreakdownPlan;
import cn.canbao.quota.TargetService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_PrepareBreakdown}: proposes the children's targets and sets who confirms, by when. */
@Component("prepareBreakdown")
class PrepareBreakdownDelegate implements JavaDelegate {

    private final TargetService targets;

    PrepareBreakdownDelegate(TargetService targets) {
        this.targets = targets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the region is the call activity's input from the parent process: no task of this instance exists yet
        long campaignId = ProcessRecord.id(execution, BreakdownProcess.VAR_CAMPAIGN_ID);
        String regionCode = (String) execution.getVariable(BreakdownProcess.VAR_REGION_CODE);
        BreakdownPlan plan = SystemAccess.call(
                () -> targets.prepareBreakdown(campaignId, regionCode, execution.getProcessInstanceId()));
        execution.setVariable(BreakdownProcess.VAR_CAMPAIGN_NAME, plan.campaignName());
        execution.setVariable(BreakdownProcess.VAR_REGION_NAME, plan.regionName());
        execution.setVariable(BreakdownProcess.VAR_LEVEL, plan.level().name());
        execution.setVariable(BreakdownProcess.VAR_CANDIDATE_GROUP, plan.candidateGroup());
        execution.setVariable(BreakdownProcess.VAR_PARENT_GROUP, plan.parentGroup());
        execution.setVariable(BreakdownProcess.VAR_SPLIT_DUE, plan.splitDue());
        execution.setVariable(BreakdownProcess.VAR_ESCALATE_AT, plan.escalateAt());
        execution.setVariable(BreakdownProcess.VAR_CHILD_REGIONS, plan.childRegions());
        execution.setVariable(BreakdownProcess.VAR_HAS_CHILD_TASKS, plan.hasChildTasks());
    }
}
