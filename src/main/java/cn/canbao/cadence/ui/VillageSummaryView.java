package cn.canbao.cadence.ui;

import cn.canbao.cadence.CadenceService;
import cn.canbao.cadence.VillageSummary;
import cn.canbao.cadence.process.VillageSummaryProcess;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;

/**
 * 确认每日汇总: the village cadre reads the day's numbers pre-filled from the register, adds remarks and
 * confirms — on a phone, in the field. Visits come with the outreach module; until then the form says so
 * rather than show a number nobody counted.
 */
@Route("tasks/village-summary")
@RolesAllowed({"VILLAGE_CADRE", "ADMIN"})
class VillageSummaryView extends CadenceTaskView {

    VillageSummaryView(TaskInbox inbox, CadenceService cadence, Clock clock) {
        super("title.villageSummary", inbox, cadence, clock);
    }

    @Override
    protected void render() {
        VillageSummary s = cadence.summary(campaignId(), regionCode(), reportDate());
        Paragraph window =
                new Paragraph(getTranslation("cadence.summary.window", time.format(s.since()), time.format(s.until())));
        window.setId("summary-window");
        FlexLayout cards = new FlexLayout(
                card(
                        getTranslation("cadence.summary.newEnrollments"),
                        Integer.toString(s.newEnrollments()),
                        "summary-new-enrollments"),
                card(
                        getTranslation("cadence.summary.newPayments"),
                        Integer.toString(s.newPayments()),
                        "summary-new-payments"),
                card(getTranslation("cadence.summary.visits"), Integer.toString(s.visitsMade()), "summary-visits"),
                card(
                        getTranslation("cadence.summary.reasons"),
                        Integer.toString(s.reasonsRecorded()),
                        "summary-reasons"),
                card(
                        getTranslation("cadence.summary.enrolled"),
                        Integer.toString(s.enrolledToDate()),
                        "summary-enrolled"),
                card(getTranslation("cadence.summary.target"), Integer.toString(s.target()), "summary-target"),
                card(
                        getTranslation("cadence.summary.remaining"),
                        Integer.toString(s.remaining()),
                        "summary-remaining"));
        cards.addClassNames("canbao-summary");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        TextArea remarks = new TextArea(getTranslation("cadence.summary.remarks"));
        remarks.setId("summary-remarks");
        remarks.setWidthFull();
        remarks.setMaxLength(2000);
        Button confirm = new Button(
                getTranslation("cadence.summary.confirm"),
                e -> complete(
                        Map.of(VillageSummaryProcess.VAR_REMARKS, remarks.getValue()), "cadence.summary.confirmed"));
        confirm.setId("summary-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        confirm.setWidthFull();
        add(window, cards, remarks, confirm);
    }
}
