package cn.canbao.escalation;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * What the case's task forms share: the task from the query parameter {@code taskId} (as Tasklist's
 * external-form link sends it), the case it belongs to at the top, completion with the form's values;
 * a refusal keeps the task open and says why. One column, so it works on a phone.
 */
abstract class EscalationTaskView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    protected final TaskInbox inbox;
    protected final EscalationService escalations;
    protected InboxTask task;
    protected Map<String, Object> variables;
    protected EscalationCase escalation;

    EscalationTaskView(TaskInbox inbox, EscalationService escalations) {
        this.inbox = inbox;
        this.escalations = escalations;
        setWidthFull();
        setMaxWidth("720px");
        addClassNames("canbao-task-form", "escalation-task-form");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        List<String> ids = event.getLocation().getQueryParameters().getParameters().getOrDefault("taskId", List.of());
        if (ids.isEmpty()) {
            add(new H2(getTranslation("taskForm.noTask")));
            return;
        }
        try {
            task = inbox.get(ids.get(0));
            variables = inbox.variables(task.id());
            escalation = escalations.get(((Number) variables.get(EscalationProcess.VAR_CASE_ID)).longValue());
            add(new H2(task.name()));
            Paragraph summary = new Paragraph(getTranslation("escalation.caseSummary", escalation.townshipName(),
                    escalation.reason(), TIME.format(escalation.openedAt())));
            summary.setId("escalation-case-summary");
            add(summary);
            if (task.due() != null) {
                Span due = new Span(getTranslation("taskForm.due", TIME.format(task.due())));
                due.getElement().getClassList().set("overdue", task.overdue());
                due.setId("task-due");
                add(due);
            }
            render();
        } catch (DomainException refused) {
            add(new H2(Messages.of(this, refused)));
        }
    }

    /** Builds the form for {@link #task}, {@link #variables} and {@link #escalation}. */
    protected abstract void render();

    /** Completes the task; on success back to the task list, on refusal the form stays as it is. */
    protected void complete(Map<String, Object> values, String successKey) {
        try {
            inbox.complete(task.id(), values);
            Messages.showSuccess(getTranslation(successKey));
            UI.getCurrent().navigate("tasks");
        } catch (DomainException refused) {
            Messages.showError(this, refused);
        }
    }

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

    protected static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
