package cn.canbao.cadence.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.cadence.CadenceService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_ConfirmVillageSummary} completed: stores the cadre's remarks and when and by whom it was confirmed. */
@Component("confirmVillageSummary")
class ConfirmVillageSummaryListener implements TaskListener {

    private final CadenceService cadence;

    ConfirmVillageSummaryListener(CadenceService cadence) {
        this.cadence = cadence;
    }

    @Override
    public void notify(DelegateTask task) {
        CadenceService.Report report = cadence.reportOf(task.getProcessInstanceId());
        ProcessRecord.requireSame(task, VillageSummaryProcess.VAR_REGION_CODE, report.regionCode());
        cadence.confirmSummary(report.campaignId(), report.regionCode(), report.day(), (String)
                task.getVariable(VillageSummaryProcess.VAR_REMARKS));
    }
}
