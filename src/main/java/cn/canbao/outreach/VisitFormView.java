package cn.canbao.outreach;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.register.NotEnrolledReason;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * 入户走访: one resident, one phone-sized form — how they were reached, what came of it, and what the register
 * should know. Moved / deceased / insured elsewhere ask for evidence and go to a clerk before the file changes.
 */
@Route("tasks/visit")
@PageTitle("入户走访 · 参保通")
@RolesAllowed({"GRID_WORKER", "VILLAGE_CADRE", "ADMIN"})
class VisitFormView extends TaskFormView {

    private final OutreachQueries queries;
    private final OutreachService outreach;

    VisitFormView(TaskInbox inbox, OutreachQueries queries, OutreachService outreach) {
        super(inbox);
        this.queries = queries;
        this.outreach = outreach;
        addClassName("visit-form");
    }

    @Override
    protected void render() {
        long caseId = recordId();
        OutreachCase c = queries.caseOf(caseId);
        Div who = new Div(new Span(c.name()), new Span(c.maskedId()), new Span(c.maskedMobile() == null ? "" : c.maskedMobile()),
                new Span(c.regionName()), new Span(getTranslation("outreach.kind." + c.kind())));
        who.addClassName("visit-who");
        who.setId("visit-who");
        Paragraph consequence = new Paragraph(getTranslation("outreach.visit.consequence",
                outreach.consequence(caseId)));
        consequence.setId("visit-consequence");
        consequence.addClassName("cadence-note");

        RadioButtonGroup<ContactMethod> method = new RadioButtonGroup<>(getTranslation("outreach.visit.method"));
        method.setItems(ContactMethod.values());
        method.setItemLabelGenerator(m -> getTranslation(m.messageKey()));
        method.setValue(ContactMethod.HOME);
        method.setId("visit-method");

        RadioButtonGroup<VisitOutcome> outcome = new RadioButtonGroup<>(getTranslation("outreach.visit.outcome"));
        outcome.setItems(VisitOutcome.values());
        outcome.setItemLabelGenerator(o -> getTranslation(o.messageKey()));
        outcome.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        outcome.setId("visit-outcome");

        Select<NotEnrolledReason> reason = new Select<>();
        reason.setLabel(getTranslation("outreach.visit.reason"));
        reason.setItems(NotEnrolledReason.values());
        reason.setItemLabelGenerator(r -> r == null ? "" : getTranslation(r.messageKey()));
        reason.setEmptySelectionAllowed(true);
        reason.setId("visit-reason");

        DatePicker promised = new DatePicker(getTranslation("outreach.visit.promisedDate"));
        promised.setMin(LocalDate.now(cn.canbao.campaign.CampaignService.ZONE));
        promised.setId("visit-promised");
        TextArea evidence = area("outreach.visit.evidence", "visit-evidence");
        TextField movedTo = field("outreach.visit.movedTo", "visit-moved-to");
        DatePicker deathDate = new DatePicker(getTranslation("outreach.visit.deathDate"));
        deathDate.setId("visit-death-date");
        Select<String> scheme = new Select<>();
        scheme.setLabel(getTranslation("outreach.visit.insuredScheme"));
        scheme.setItems("RESIDENT", "EMPLOYEE");
        scheme.setItemLabelGenerator(s -> s == null ? "" : getTranslation("outreach.scheme." + s));
        scheme.setId("visit-scheme");
        TextField insuredWhere = field("outreach.visit.insuredWhere", "visit-insured-where");
        TextField mobile = field("outreach.visit.correctedMobile", "visit-mobile");
        mobile.setPattern("[0-9+ -]*");
        TextField address = field("outreach.visit.correctedAddress", "visit-address");
        TextArea note = area("outreach.visit.note", "visit-note");

        Runnable show = () -> {
            VisitOutcome o = outcome.getValue();
            promised.setVisible(o == VisitOutcome.PROMISED);
            evidence.setVisible(o != null && o.needsCorrection());
            movedTo.setVisible(o == VisitOutcome.MOVED);
            deathDate.setVisible(o == VisitOutcome.DECEASED);
            scheme.setVisible(o == VisitOutcome.INSURED_ELSEWHERE);
            insuredWhere.setVisible(o == VisitOutcome.INSURED_ELSEWHERE);
        };
        outcome.addValueChangeListener(e -> show.run());
        show.run();

        Button save = new Button(getTranslation("outreach.visit.save"), e -> {
            Map<String, Object> v = new HashMap<>();
            v.put(OutreachProcess.VAR_METHOD, name(method.getValue()));
            v.put(OutreachProcess.VAR_OUTCOME, name(outcome.getValue()));
            v.put(OutreachProcess.VAR_REASON, name(reason.getValue()));
            v.put(OutreachProcess.VAR_PROMISED_DATE, str(promised.getValue()));
            v.put(OutreachProcess.VAR_EVIDENCE, evidence.getValue());
            v.put(OutreachProcess.VAR_MOVED_TO, movedTo.getValue());
            v.put(OutreachProcess.VAR_EVENT_DATE, str(deathDate.getValue()));
            v.put(OutreachProcess.VAR_INSURED_SCHEME, scheme.getValue());
            v.put(OutreachProcess.VAR_INSURED_WHERE, insuredWhere.getValue());
            v.put(OutreachProcess.VAR_CORRECTED_MOBILE, mobile.getValue());
            v.put(OutreachProcess.VAR_CORRECTED_ADDRESS, address.getValue());
            v.put(OutreachProcess.VAR_NOTE, note.getValue());
            complete(v, getTranslation("outreach.visit.saved"), "outreach");
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        save.setId("visit-save");
        save.setWidthFull();

        Button optOut = new Button(getTranslation("outreach.visit.optOut"), e -> {
            try {
                outreach.optOut(caseId);
                Messages.showSuccess(getTranslation("outreach.visit.optedOut"));
                e.getSource().setEnabled(false);
            } catch (DomainException refused) {
                Messages.showError(this, refused);
            }
        });
        optOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        optOut.setId("visit-opt-out");

        add(who, consequence, method, outcome, promised, evidence, movedTo, deathDate, scheme, insuredWhere, reason,
                mobile, address, note, save, optOut);
    }

    private TextField field(String key, String id) {
        TextField f = new TextField(getTranslation(key));
        f.setId(id);
        f.setWidthFull();
        return f;
    }

    private TextArea area(String key, String id) {
        TextArea a = new TextArea(getTranslation(key));
        a.setId(id);
        a.setWidthFull();
        return a;
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
