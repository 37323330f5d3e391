package cn.canbao.task;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.task.ui.TaskNames;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * What every task form shares: the task comes from the query parameter {@code taskId} (as Camunda
 * Tasklist's external-form link sends it), must be visible to the user, and completes with the form's
 * variables; a refusal (a rule of the task's listener) keeps the task open and says why.
 */
public abstract class TaskFormView extends TitledView implements BeforeEnterObserver {

    protected final TaskInbox inbox;
    /** The application's clock: a form's "today" and its due dates are in its zone. */
    protected final Clock clock;

    protected final DateTimeFormatter time;
    protected InboxTask task;
    protected Map<String, Object> variables;

    protected TaskFormView(String titleKey, TaskInbox inbox, Clock clock) {
        super(titleKey);
        this.inbox = inbox;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        setWidthFull();
        setMaxWidth("960px");
        addClassNames("canbao-task-form");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        List<String> ids =
                event.getLocation().getQueryParameters().getParameters().getOrDefault("taskId", List.of());
        if (ids.isEmpty()) {
            add(new H2(getTranslation("taskForm.noTask")));
            return;
        }
        try {
            task = inbox.get(ids.get(0));
            variables = inbox.variables(task.id());
            add(new H2(TaskNames.of(this, task)));
            if (task.due() != null) {
                Span due = new Span(getTranslation("taskForm.due", time.format(task.due())));
                due.getElement().getClassList().set("overdue", task.overdue());
                due.setId("task-due");
                add(due);
            }
            render();
        } catch (DomainException refused) {
            add(new H2(Messages.of(this, refused)));
        }
    }

    /** Builds the form for {@link #task} and {@link #variables}. */
    protected abstract void render();

    /**
     * The id of the record the task's process is about: its business key, which the process owns (a variable
     * could have been rewritten by whoever may complete the task).
     */
    protected long recordId() {
        return cn.canbao.base.ProcessRecord.id(task.businessKey());
    }

    /** A process variable of the task as a number (ids are stored as Long or Integer). */
    protected long longVariable(String name) {
        return ((Number) variables.get(name)).longValue();
    }

    /** Completes the task; on success back to the task list, on refusal the form stays as it is. */
    protected void complete(Map<String, Object> values, String successKey) {
        complete(values, getTranslation(successKey), "tasks");
    }

    /** Completes the task; on success shows the (translated) message and goes to the route. */
    protected void complete(Map<String, Object> values, String successText, String route) {
        Messages.attempt(this, () -> {
            inbox.complete(task.id(), values);
            Messages.showSuccess(successText);
            UI.getCurrent().navigate(route);
        });
    }
}
