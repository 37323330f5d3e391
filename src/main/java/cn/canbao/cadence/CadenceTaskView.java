package cn.canbao.cadence;

import cn.canbao.base.ui.SummaryCard;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.html.Div;

import java.time.LocalDate;

/**
 * The report task forms (village summary, township dispatch): a task form that also knows the
 * campaign, region and reporting day of its task.
 */
abstract class CadenceTaskView extends TaskFormView {

    protected final CadenceService cadence;

    CadenceTaskView(TaskInbox inbox, CadenceService cadence) {
        super(inbox);
        this.cadence = cadence;
    }

    protected long campaignId() {
        return longVariable(VillageSummaryProcess.VAR_CAMPAIGN_ID);
    }

    protected String regionCode() {
        return (String) variables.get(VillageSummaryProcess.VAR_REGION_CODE);
    }

    protected LocalDate reportDate() {
        return LocalDate.parse((String) variables.get(VillageSummaryProcess.VAR_REPORT_DATE));
    }

    static Div card(String label, String value, String id) {
        return SummaryCard.of(label, value, id);
    }
}
