package cn.canbao.cadence.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.cadence.CadenceService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code Task_DispatchTownship} completed: stores the instructions; refuses (the task stays open) without any. */
@Component("dispatchTownship")
class DispatchTownshipListener implements TaskListener {

    private final CadenceService cadence;

    DispatchTownshipListener(CadenceService cadence) {
        this.cadence = cadence;
    }

    @Override
    public void notify(DelegateTask task) {
        CadenceService.Report report = cadence.reportOf(task.getProcessInstanceId());
        ProcessRecord.requireSame(task, TownshipDispatchProcess.VAR_REGION_CODE, report.regionCode());
        cadence.recordDispatch(report.campaignId(), report.regionCode(), report.day(), (String)
                task.getVariable(TownshipDispatchProcess.VAR_INSTRUCTIONS));
    }
}
