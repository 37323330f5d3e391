package cn.canbao.outreach.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.outreach.OutreachService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_FirstReminder}, {@code Task_SecondReminder}: queue the reminder of the input {@code template}. */
@Component("sendReminder")
class SendReminderDelegate implements JavaDelegate {

    private final OutreachService outreach;

    SendReminderDelegate(OutreachService outreach) {
        this.outreach = outreach;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long caseId = ProcessRecord.id(execution, OutreachProcess.VAR_CASE_ID);
        String template = (String) execution.getVariable(OutreachProcess.VAR_TEMPLATE);
        SystemAccess.run(() -> outreach.remind(caseId, template));
    }
}
