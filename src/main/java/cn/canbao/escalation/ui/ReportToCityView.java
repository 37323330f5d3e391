package cn.canbao.escalation.ui;

import cn.canbao.escalation.EscalationService;
import cn.canbao.escalation.process.EscalationProcess;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;

/** 报请市级督办: the county leader records what was reported to the city about the township, and to whom. */
@Route("tasks/report-to-city")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class ReportToCityView extends EscalationTaskView {

    ReportToCityView(TaskInbox inbox, EscalationService escalations, Clock clock) {
        super("title.reportToCity", inbox, escalations, clock);
    }

    @Override
    protected void renderCase() {
        String why = escalation.recheckCompletion() == null
                ? getTranslation("escalation.why.PLAN_OVERDUE")
                : getTranslation("escalation.recheck", escalation.recheckCompletion(), escalation.recheckExpected());
        Paragraph explain = new Paragraph(why);
        explain.setId("report-explain");
        TextField to = new TextField(getTranslation("escalation.reportedTo"));
        to.setId("report-to");
        to.setWidthFull();
        to.setRequired(true);
        var report = area("escalation.report", "report-text");
        add(
                explain,
                to,
                report,
                submit(
                        "escalation.report.submit",
                        () -> complete(
                                Map.of(
                                        EscalationProcess.VAR_REPORT,
                                        report.getValue(),
                                        EscalationProcess.VAR_REPORTED_TO,
                                        to.getValue()),
                                "escalation.report.recorded")));
    }
}
