package cn.canbao.outreach.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.outreach.OutreachException;
import cn.canbao.outreach.correction.CorrectionService;
import cn.canbao.security.CurrentUser;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_ReviewCorrection} completed: the clerk's decision is applied (a refusal keeps the task open). */
@Component("reviewCorrection")
class ReviewCorrectionListener implements TaskListener {

    private final CorrectionService corrections;

    ReviewCorrectionListener(CorrectionService corrections) {
        this.corrections = corrections;
    }

    @Override
    public void notify(DelegateTask task) {
        Object approved = task.getVariable(OutreachProcess.VAR_APPROVED);
        if (approved == null) {
            throw new OutreachException("outreach.correction.decisionRequired");
        }
        corrections.decide(
                ProcessRecord.id(task, OutreachProcess.VAR_REQUEST_ID),
                Boolean.parseBoolean(approved.toString()),
                (String) task.getVariable(OutreachProcess.VAR_DECISION_NOTE),
                CurrentUser.isSystem() && task.getAssignee() != null ? task.getAssignee() : CurrentUser.name());
    }
}
