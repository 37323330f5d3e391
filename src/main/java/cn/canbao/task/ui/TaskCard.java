package cn.canbao.task.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.task.InboxTask;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** One task as a card: what, where, until when, who has it, and what the user can do with it. */
class TaskCard extends Div {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * The actions get the card's task; the list reloads afterwards. Campaigns run on the counties' time ({@code zone},
     * the application clock's), wherever the browser is.
     */
    TaskCard(
            InboxTask task,
            ZoneId zone,
            Consumer<InboxTask> open,
            Consumer<InboxTask> claim,
            Consumer<InboxTask> unclaim) {
        setId("task-" + task.id());
        addClassName("task-card");
        setClassName("overdue", task.overdue());

        Div title = new Div(span(TaskNames.of(this, task), "task-name"));
        title.addClassName("task-title");
        if (task.overdue()) {
            title.add(badge("task.overdue", "task-overdue", "badge error"));
        }
        if (task.reminded() != null) {
            title.add(badge("task.reminded", "task-reminded", "badge contrast"));
        }
        add(title);
        // a process may store the region's line as a message (a household, a correction's kind): in the user's words
        String where = join(Messages.stored(this, task.regionName()), task.campaignName());
        if (!where.isEmpty()) {
            add(span(where, "task-meta"));
        }
        add(span(
                task.due() == null
                        ? getTranslation("task.noDue")
                        : getTranslation("task.due", DUE.withZone(zone).format(task.due())),
                "task-due"));
        add(span(assignee(task), "task-assignee"));
        add(buttons(task, open, claim, unclaim));
    }

    private String assignee(InboxTask task) {
        if (task.mine()) {
            return getTranslation("task.assignedToMe");
        }
        return task.claimable()
                ? getTranslation("task.unassigned")
                : getTranslation("task.assignee", task.assigneeName());
    }

    private Div buttons(
            InboxTask task, Consumer<InboxTask> open, Consumer<InboxTask> claim, Consumer<InboxTask> unclaim) {
        Div buttons = new Div();
        buttons.addClassName("task-actions");
        if (task.mine() || task.claimable()) {
            buttons.add(button("task.open", "task-open", () -> open.accept(task), ButtonVariant.LUMO_PRIMARY));
        }
        if (task.claimable()) {
            buttons.add(button("task.claim", "task-claim", () -> claim.accept(task), ButtonVariant.LUMO_CONTRAST));
        }
        if (task.mine()) {
            buttons.add(
                    button("task.unclaim", "task-unclaim", () -> unclaim.accept(task), ButtonVariant.LUMO_TERTIARY));
        }
        return buttons;
    }

    private Button button(String key, String className, Runnable action, ButtonVariant variant) {
        Button button = new Button(getTranslation(key), e -> action.run());
        button.addClassName(className);
        button.addThemeVariants(variant);
        return button;
    }

    private Span badge(String key, String className, String theme) {
        Span badge = span(getTranslation(key), className);
        badge.getElement().getThemeList().addAll(List.of(theme.split(" ")));
        return badge;
    }

    private static Span span(String text, String className) {
        Span span = new Span(text);
        span.addClassName(className);
        return span;
    }

    private static String join(String... parts) {
        return String.join(
                " · ",
                Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
    }
}
