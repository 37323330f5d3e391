package cn.canbao.cadence.ui;

import cn.canbao.base.ui.SummaryCard;
import cn.canbao.cadence.CadenceService;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.html.Div;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The report task forms (village summary, township dispatch): a task form that also knows the
 * campaign, region and reporting day of its task.
 */
abstract class CadenceTaskView extends TaskFormView {

    protected final CadenceService cadence;

    CadenceTaskView(String titleKey, TaskInbox inbox, CadenceService cadence, Clock clock) {
        super(titleKey, inbox, clock);
        this.cadence = cadence;
    }

    /** The task's report, from the row its process owns (not the task's variables). */
    private CadenceService.Report report() {
        return cadence.reportOf(task.processInstanceId());
    }

    protected long campaignId() {
        return report().campaignId();
    }

    protected String regionCode() {
        return report().regionCode();
    }

    protected LocalDate reportDate() {
        return report().day();
    }

    static Div card(String label, String value, String id) {
        return SummaryCard.of(label, value, id);
    }
}
