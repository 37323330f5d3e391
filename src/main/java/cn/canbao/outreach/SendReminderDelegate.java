package cn.canbao.outreach;

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
        outreach.remind(((Number) execution.getVariable(OutreachProcess.VAR_CASE_ID)).longValue(),
                (String) execution.getVariable(OutreachProcess.VAR_TEMPLATE));
    }
}
