package cn.canbao.bulletin;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * 审核并发布通报: the county leader reads the drafted bulletin (table, chart, PDF preview), writes their
 * remarks and publishes it; the task comes from the query parameter {@code taskId}.
 */
@Route("tasks/review-bulletin")
@PageTitle("审核通报 · 参保通")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class ReviewBulletinView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final TaskInbox inbox;
    private final BulletinService bulletins;
    private final BulletinExports exports;

    ReviewBulletinView(TaskInbox inbox, BulletinService bulletins, BulletinExports exports) {
        this.inbox = inbox;
        this.bulletins = bulletins;
        this.exports = exports;
        setWidthFull();
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
            InboxTask task = inbox.get(ids.get(0));
            long bulletinId = ((Number) inbox.variables(task.id()).get(BulletinProcess.VAR_BULLETIN_ID)).longValue();
            Bulletin b = bulletins.bulletin(bulletinId);
            add(new H2(task.name() + " · " + b.campaignName()));
            if (task.due() != null) {
                Span due = new Span(getTranslation("taskForm.due", DUE.format(task.due())));
                due.getElement().getClassList().set("overdue", task.overdue());
                due.setId("task-due");
                add(due);
            }
            add(new BulletinPanel(b, bulletins.rows(b.id()), exports, false));
            form(task, b);
        } catch (DomainException refused) {
            add(new H2(Messages.of(this, refused)));
        }
    }

    private void form(InboxTask task, Bulletin b) {
        TextArea remarks = new TextArea(getTranslation("bulletin.remarks"));
        remarks.setId("bulletin-remarks");
        remarks.setHelperText(getTranslation("bulletin.remarksHint"));
        remarks.setMaxLength(BulletinService.REMARKS_MAX_LENGTH);
        remarks.setWidthFull();
        remarks.setMinHeight("8em");
        Button publish = new Button(getTranslation("bulletin.publish"), e -> {
            try {
                inbox.complete(task.id(), Map.of(BulletinProcess.VAR_REMARKS, remarks.getValue()));
                Messages.showSuccess(getTranslation("bulletin.published", Integer.toString(b.number())));
                UI.getCurrent().navigate("bulletins/" + b.campaignId() + "/" + b.number());
            } catch (DomainException refused) {
                Messages.showError(this, refused);
            }
        });
        publish.setId("bulletin-publish");
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(remarks, publish);
    }
}
