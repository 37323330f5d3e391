package cn.canbao.cadence;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * What the report task forms share (as the target forms do): the task comes from the query parameter
 * {@code taskId}, must be visible to the user, and completes with the form's variables; a refusal keeps
 * the task open and says why.
 */
abstract class CadenceTaskView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    protected final TaskInbox inbox;
    protected final CadenceService cadence;
    protected InboxTask task;
    protected Map<String, Object> variables;

    CadenceTaskView(TaskInbox inbox, CadenceService cadence) {
        this.inbox = inbox;
        this.cadence = cadence;
        setWidthFull();
        setMaxWidth("960px");
        addClassNames("canbao-task-form");
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
            add(new H2(task.name()));
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

    /** Builds the form for {@link #task} and {@link #variables}. */
    protected abstract void render();

    protected long campaignId() {
        return ((Number) variables.get(VillageSummaryProcess.VAR_CAMPAIGN_ID)).longValue();
    }

    protected String regionCode() {
        return (String) variables.get(VillageSummaryProcess.VAR_REGION_CODE);
    }

    protected LocalDate reportDate() {
        return LocalDate.parse((String) variables.get(VillageSummaryProcess.VAR_REPORT_DATE));
    }

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

    static Div card(String label, String value, String id) {
        Div card = new Div(new Span(label), new Span(value));
        card.addClassNames("canbao-card");
        card.setId(id);
        return card;
    }
}
