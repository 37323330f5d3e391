package cn.canbao.task.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The user's open tasks as cards (readable on a phone): filter, count, and per task 办理 (opens its
 * form at the task's form key with {@code ?taskId=}), 认领 and 退回.
 */
@Route("tasks")
@Menu(title = "menu.tasks", order = 5, icon = "vaadin:tasks")
@PermitAll
class TaskListView extends TitledView {

    private final TaskInbox inbox;
    private final Select<TaskFilter> filter = new Select<>();
    private final Span count = new Span();
    private final Div list = new Div();
    private final Clock clock;

    TaskListView(TaskInbox inbox, Clock clock) {
        super("title.taskList");
        this.clock = clock;
        this.inbox = inbox;
        setWidthFull();
        addClassName("task-list-view");
        filter.setId("task-filter");
        filter.setLabel(getTranslation("task.filter"));
        filter.setItems(TaskFilter.values());
        filter.setItemLabelGenerator(f -> getTranslation(f.messageKey()));
        filter.setValue(TaskFilter.ALL);
        filter.addValueChangeListener(e -> load());
        count.setId("task-count");
        count.addClassName("task-count");
        HorizontalLayout bar = new HorizontalLayout(filter, count);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.addClassName("task-bar");
        list.setId("task-list");
        list.addClassName("task-list");
        add(new H2(getTranslation("task.title")), bar, list);
        load();
    }

    private void load() {
        list.removeAll();
        List<InboxTask> tasks = inbox.open(filter.getValue());
        count.setText(
                getTranslation(tasks.size() >= TaskInbox.LIMIT ? "task.count.limited" : "task.count", tasks.size()));
        if (tasks.isEmpty()) {
            Span empty = new Span(getTranslation("task.empty"));
            empty.setId("task-empty");
            empty.addClassName("task-empty");
            list.add(empty);
            return;
        }
        tasks.forEach(t -> list.add(new TaskCard(
                t,
                clock.getZone(),
                this::open,
                act(inbox::claim, "task.claimed"),
                act(inbox::unclaim, "task.unclaimed"))));
    }

    private void open(InboxTask task) {
        String path = task.formKey() == null ? "" : task.formKey().strip();
        if (path.isEmpty() || path.contains(":")) {
            // embedded: and camunda-forms: keys are Tasklist's; our forms are app paths
            Messages.showError(getTranslation("task.noForm", TaskNames.of(this, task)));
            return;
        }
        UI.getCurrent()
                .navigate(path.startsWith("/") ? path.substring(1) : path, QueryParameters.of("taskId", task.id()));
    }

    /** Runs a claim or return, says so, and reloads: the task may have changed hands meanwhile. */
    private Consumer<InboxTask> act(Consumer<String> action, String doneKey) {
        return task -> {
            Messages.attempt(this, () -> {
                action.accept(task.id());
                Messages.showSuccess(getTranslation(doneKey, TaskNames.of(this, task)));
            });
            load();
        };
    }
}
