package cn.canbao.outreach.ui;

import cn.canbao.outreach.correction.CorrectionRequest;
import cn.canbao.outreach.correction.CorrectionService;
import cn.canbao.outreach.field.FieldVisitService;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.register.person.IdNumber;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** 核实数据更正: the clerk reads the grid worker's finding and evidence, then approves (the file changes) or rejects. */
@Route("tasks/review-correction")
@RolesAllowed({"CLERK", "ADMIN"})
class ReviewCorrectionView extends TaskFormView {

    private final CorrectionService corrections;
    private final FieldVisitService fieldVisits;

    ReviewCorrectionView(TaskInbox inbox, CorrectionService corrections, FieldVisitService fieldVisits, Clock clock) {
        super("title.reviewCorrection", inbox, clock);
        this.corrections = corrections;
        this.fieldVisits = fieldVisits;
    }

    @Override
    protected void render() {
        CorrectionRequest r = corrections.get(recordId());
        FormLayout facts = new FormLayout();
        facts.setId("correction-facts");
        facts.addFormItem(
                new Span(r.name() + " · " + IdNumber.mask(r.idNumber())), getTranslation("outreach.correction.person"));
        facts.addFormItem(new Span(getTranslation(r.kind().messageKey())), getTranslation("outreach.correction.kind"));
        facts.addFormItem(new Span(r.evidence()), getTranslation("outreach.visit.evidence"));
        switch (r.kind()) {
            case MOVED ->
                facts.addFormItem(
                        new Span(
                                r.movedTo() == null
                                        ? getTranslation("outreach.correction.outOfCounty")
                                        : r.movedToName() + " (" + r.movedTo() + ")"),
                        getTranslation("outreach.visit.movedTo"));
            case DECEASED ->
                facts.addFormItem(new Span(String.valueOf(r.eventDate())), getTranslation("outreach.visit.deathDate"));
            case INSURED_ELSEWHERE ->
                facts.addFormItem(
                        new Span(getTranslation("outreach.scheme." + r.insuredScheme())
                                + (r.insuredWhere() == null ? "" : " · " + r.insuredWhere())),
                        getTranslation("outreach.visit.insuredWhere"));
        }
        facts.addFormItem(
                new Span(r.requestedBy() + " · " + time.format(r.requestedAt())),
                getTranslation("outreach.correction.requested"));
        if (r.visitId() != null) {
            photos(facts, r.visitId());
        }
        TextArea note = new TextArea(getTranslation("outreach.correction.note"));
        note.setWidthFull();
        note.setId("correction-note");
        Button approve = new Button(getTranslation("outreach.correction.approve"), e -> decide(true, note.getValue()));
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        approve.setId("correction-approve");
        Button reject = new Button(getTranslation("outreach.correction.reject"), e -> decide(false, note.getValue()));
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        reject.setId("correction-reject");
        add(facts, note, new Div(approve, reject));
    }

    /**
     * The photos the grid worker took on the visit (the field page): shown here and opened full size through the
     * photo endpoint, which checks the clerk's region again and logs each look.
     */
    private void photos(FormLayout facts, long visitId) {
        for (long id : fieldVisits.photosOf(visitId)) {
            String src = "field/api/photos/" + id;
            Image image = new Image(src, getTranslation("outreach.correction.photo"));
            image.setMaxWidth("100%");
            image.setMaxHeight("320px");
            Anchor open = new Anchor(src, getTranslation("outreach.correction.photoOpen"));
            open.setTarget("_blank");
            open.getStyle().set("display", "block");
            Div photo = new Div(image, open);
            photo.addClassName("correction-photo");
            photo.setId("correction-photo-" + id);
            facts.addFormItem(photo, getTranslation("outreach.correction.photo"));
        }
    }

    private void decide(boolean approved, String note) {
        Map<String, Object> v = new HashMap<>();
        v.put(OutreachProcess.VAR_APPROVED, approved);
        v.put(OutreachProcess.VAR_DECISION_NOTE, note);
        complete(v, approved ? "outreach.correction.approved" : "outreach.correction.rejected");
    }
}
