package cn.canbao.cadence;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/** {@code Task_DispatchTownship} completed: stores the instructions; refuses (the task stays open) without any. */
@Component("dispatchTownship")
class DispatchTownshipListener implements TaskListener {

    private final CadenceService cadence;

    DispatchTownshipListener(CadenceService cadence) {
        this.cadence = cadence;
    }

    @Override
    public void notify(DelegateTask task) {
        cadence.recordDispatch(((Number) task.getVariable(TownshipDispatchProcess.VAR_CAMPAIGN_ID)).longValue(),
                (String) task.getVariable(TownshipDispatchProcess.VAR_REGION_CODE),
                LocalDate.parse((String) task.getVariable(TownshipDispatchProcess.VAR_REPORT_DATE)),
                (String) task.getVariable(TownshipDispatchProcess.VAR_INSTRUCTIONS));
    }
}
