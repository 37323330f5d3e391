package cn.canbao.outreach.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.outreach.OutreachService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CloseCase}, {@code Task_ClosePaid}: the case ends for the input {@code endReason}. */
@Component("closeOutreachCase")
class CloseOutreachCaseDelegate implements JavaDelegate {

    private final OutreachService outreach;

    CloseOutreachCaseDelegate(OutreachService outreach) {
        this.outreach = outreach;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long caseId = ProcessRecord.id(execution, OutreachProcess.VAR_CASE_ID);
        String reason = String.valueOf(execution.getVariable(OutreachProcess.VAR_END_REASON));
        SystemAccess.run(() -> outreach.close(caseId, reason));
    }
}
