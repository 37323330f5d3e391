package cn.canbao.outreach.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.outreach.OutreachService;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The outreach process ended by any way — also deleted by an administrator in Cockpit: a case still open is
 * closed as CANCELLED, so no case row ever claims a process that is gone.
 */
@Component("outreachEnded")
class OutreachEndedListener implements ExecutionListener {

    private final OutreachService outreach;

    OutreachEndedListener(OutreachService outreach) {
        this.outreach = outreach;
    }

    @Override
    public void notify(DelegateExecution execution) {
        long caseId = ProcessRecord.id(execution.getProcessBusinessKey());
        SystemAccess.run(() -> outreach.close(caseId, "CANCELLED"));
    }
}
