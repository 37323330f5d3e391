package cn.canbao.outreach.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.outreach.ContactMethod;
import cn.canbao.outreach.OutreachCase;
import cn.canbao.outreach.OutreachQueries;
import cn.canbao.outreach.OutreachService;
import cn.canbao.outreach.VisitOutcome;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.register.person.NotEnrolledReason;
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
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * 入户走访: one resident, one phone-sized form — how they were reached, what came of it, and what the register
 * should know. Moved / deceased / insured elsewhere ask for evidence and go to a clerk before the file changes.
 */
@Route("tasks/visit")
@RolesAllowed({"GRID_WORKER", "VILLAGE_CADRE", "ADMIN"})
class VisitFormView extends TaskFormView {

    private final OutreachQueries queries;
    private final OutreachService outreach;

    VisitFormView(TaskInbox inbox, OutreachQueries queries, OutreachService outreach, Clock clock) {
        super("title.visitForm", inbox, clock);
        this.queries = queries;
        this.outreach = outreach;
        addClassName("visit-form");
    }

    @Override
    protected void render() {
        long caseId = recordId();
        OutreachCase c = queries.caseOf(caseId);
        Div who = new Div(
                new Span(c.name()),
                new Span(c.maskedId()),
                new Span(c.maskedMobile() == null ? "" : c.maskedMobile()),
                new Span(c.regionName()),
                new Span(getTranslation("outreach.kind." + c.kind())));
        who.addClassName("visit-who");
        who.setId("visit-who");
        Paragraph consequence =
                new Paragraph(getTranslation("outreach.visit.consequence", outreach.consequence(caseId)));
        consequence.setId("visit-consequence");
        consequence.addClassName("cadence-note");

        Map<Long, Select<VisitOutcome>> memberOutcomes = new java.util.LinkedHashMap<>();
        Div household = household(caseId, memberOutcomes);

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
        promised.setMin(LocalDate.now(clock));
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
            // the fields of every outcome given: the household's and each member's own
            java.util.Set<VisitOutcome> given = java.util.EnumSet.noneOf(VisitOutcome.class);
            if (outcome.getValue() != null) {
                given.add(outcome.getValue());
            }
            memberOutcomes.values().stream()
                    .map(Select::getValue)
                    .filter(java.util.Objects::nonNull)
                    .forEach(given::add);
            promised.setVisible(given.contains(VisitOutcome.PROMISED));
            evidence.setVisible(given.stream().anyMatch(VisitOutcome::needsCorrection));
            movedTo.setVisible(given.contains(VisitOutcome.MOVED));
            deathDate.setVisible(given.contains(VisitOutcome.DECEASED));
            scheme.setVisible(given.contains(VisitOutcome.INSURED_ELSEWHERE));
            insuredWhere.setVisible(given.contains(VisitOutcome.INSURED_ELSEWHERE));
        };
        outcome.addValueChangeListener(e -> show.run());
        memberOutcomes.values().forEach(m -> m.addValueChangeListener(e -> show.run()));
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
            v.put(
                    OutreachProcess.VAR_MEMBER_OUTCOMES,
                    memberOutcomes.entrySet().stream()
                            .filter(m -> m.getValue().getValue() != null)
                            .map(m -> m.getKey() + ":" + m.getValue().getValue().name())
                            .collect(java.util.stream.Collectors.joining(";")));
            complete(v, getTranslation("outreach.visit.saved"), "outreach");
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        save.setId("visit-save");
        save.setWidthFull();

        Button optOut = new Button(getTranslation("outreach.visit.optOut"), e -> {
            Messages.attempt(this, () -> {
                outreach.optOut(caseId);
                Messages.showSuccess(getTranslation("outreach.visit.optedOut"));
                e.getSource().setEnabled(false);
            });
        });
        optOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        optOut.setId("visit-opt-out");

        add(
                who,
                consequence,
                household,
                method,
                outcome,
                promised,
                evidence,
                movedTo,
                deathDate,
                scheme,
                insuredWhere,
                reason,
                mobile,
                address,
                note,
                save,
                optOut);
    }

    /**
     * One visit covers the household's uninsured members (issue 16): each is listed by relation, and a member whose
     * outcome differs from the household's gets their own; left empty, the outcome below is theirs too. Empty for a
     * resident visited alone.
     */
    private Div household(long caseId, Map<Long, Select<VisitOutcome>> memberOutcomes) {
        Div box = new Div();
        box.setId("visit-household");
        java.util.List<OutreachQueries.HouseholdMember> members = queries.household(caseId);
        if (members.size() < 2) {
            box.setVisible(false);
            return box;
        }
        box.addClassName("visit-household");
        box.add(new Paragraph(getTranslation("outreach.visit.household", members.size())));
        for (OutreachQueries.HouseholdMember m : members) {
            Select<VisitOutcome> own = new Select<>();
            own.setLabel(
                    m.relation() + " · " + m.shown().name() + " · " + m.shown().maskedId());
            own.setItems(VisitOutcome.values());
            own.setEmptySelectionAllowed(true);
            own.setEmptySelectionCaption(getTranslation("outreach.visit.sameAsHousehold"));
            own.setItemLabelGenerator(
                    o -> o == null ? getTranslation("outreach.visit.sameAsHousehold") : getTranslation(o.messageKey()));
            own.setId("visit-member-" + m.caseId());
            own.setWidthFull();
            memberOutcomes.put(m.caseId(), own);
            box.add(own);
        }
        return box;
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
