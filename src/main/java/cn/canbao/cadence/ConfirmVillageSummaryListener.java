package cn.canbao.cadence;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/** {@code Task_ConfirmVillageSummary} completed: stores the cadre's remarks and when and by whom it was confirmed. */
@Component("confirmVillageSummary")
class ConfirmVillageSummaryListener implements TaskListener {

    private final CadenceService cadence;

    ConfirmVillageSummaryListener(CadenceService cadence) {
        this.cadence = cadence;
    }

    @Override
    public void notify(DelegateTask task) {
        cadence.confirmSummary(((Number) task.getVariable(VillageSummaryProcess.VAR_CAMPAIGN_ID)).longValue(),
                (String) task.getVariable(VillageSummaryProcess.VAR_REGION_CODE),
                LocalDate.parse((String) task.getVariable(VillageSummaryProcess.VAR_REPORT_DATE)),
                (String) task.getVariable(VillageSummaryProcess.VAR_REMARKS));
    }
}
