package cn.canbao.quota.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.quota.TargetService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ProposeTownshipTargets}: proposes every township's target and lists the townships. */
@Component("proposeTownshipTargets")
class ProposeTownshipTargetsDelegate implements JavaDelegate {

    private final TargetService targets;

    ProposeTownshipTargetsDelegate(TargetService targets) {
        this.targets = targets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long campaignId = ProcessRecord.id(execution, BreakdownProcess.VAR_CAMPAIGN_ID);
        execution.setVariable(
                BreakdownProcess.VAR_TOWNSHIPS, SystemAccess.call(() -> targets.proposeTownships(campaignId)));
    }
}
