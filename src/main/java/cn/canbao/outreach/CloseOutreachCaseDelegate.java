package cn.canbao.outreach;

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
        outreach.close(((Number) execution.getVariable(OutreachProcess.VAR_CASE_ID)).longValue(),
                String.valueOf(execution.getVariable(OutreachProcess.VAR_END_REASON)));
    }
}
