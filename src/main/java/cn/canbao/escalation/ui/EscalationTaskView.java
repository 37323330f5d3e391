package cn.canbao.escalation.ui;

import cn.canbao.escalation.EscalationCase;
import cn.canbao.escalation.EscalationService;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What the case's task forms share: the task from the query parameter {@code taskId} (as Tasklist's
 * external-form link sends it), the case it belongs to at the top, completion with the form's values;
 * a refusal keeps the task open and says why. One column, so it works on a phone.
 */
abstract class EscalationTaskView extends TaskFormView {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    protected final EscalationService escalations;
    protected EscalationCase escalation;

    EscalationTaskView(String titleKey, TaskInbox inbox, EscalationService escalations, Clock clock) {
        super(titleKey, inbox, clock);
        this.escalations = escalations;
        setMaxWidth("720px");
        addClassNames("escalation-task-form");
    }

    /** The case the task belongs to, at the top of every form; then the form itself. */
    @Override
    protected final void render() {
        escalation = escalations.get(escalations.caseOfInstance(task.processInstanceId()));
        Paragraph summary = new Paragraph(getTranslation(
                "escalation.caseSummary",
                escalation.townshipName(),
                escalation.reason(),
                time.format(escalation.openedAt())));
        summary.setId("escalation-case-summary");
        add(summary);
        renderCase();
    }

    /** Builds the form for {@link #task}, {@link #variables} and {@link #escalation}. */
    protected abstract void renderCase();

    protected TextArea area(String labelKey, String id) {
        TextArea area = new TextArea(getTranslation(labelKey));
        area.setId(id);
        area.setWidthFull();
        area.setMinHeight("8em");
        area.setRequired(true);
        return area;
    }

    protected Button submit(String labelKey, Runnable action) {
        Button button = new Button(getTranslation(labelKey), e -> action.run());
        button.setId("escalation-submit");
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        button.setWidthFull();
        return button;
    }

    /** An instant as the escalation views show it, in {@code zone} (the application clock's). */
    static String time(Instant at, ZoneId zone) {
        return at == null ? "" : FORMAT.withZone(zone).format(at);
    }

    protected String time(Instant at) {
        return time(at, clock.getZone());
    }
}
