package cn.canbao.publicity;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Map;

/** 确认宣传成效: the township leader checks the township's and its villages' activity counts and confirms them. */
@Route("tasks/confirm-publicity")
@PageTitle("确认宣传成效 · 参保通")
@RolesAllowed({"TOWNSHIP_LEADER", "ADMIN"})
class ConfirmPublicityView extends VerticalLayout implements BeforeEnterObserver {

    private final TaskInbox inbox;
    private final PublicityService publicity;

    ConfirmPublicityView(TaskInbox inbox, PublicityService publicity) {
        this.inbox = inbox;
        this.publicity = publicity;
        setMaxWidth("960px");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        List<String> ids = event.getLocation().getQueryParameters().getParameters().getOrDefault("taskId", List.of());
        try {
            if (ids.isEmpty()) {
                add(new H2(getTranslation("taskForm.noTask")));
                return;
            }
            InboxTask task = inbox.get(ids.get(0));
            Map<String, Object> variables = inbox.variables(task.id());
            long driveId = ((Number) variables.get(PublicityProcess.VAR_DRIVE_ID)).longValue();
            String township = (String) variables.get(PublicityProcess.VAR_TOWNSHIP);
            List<PublicityTally> rows = publicity.tally(driveId, township);
            add(new H2(task.name() + " · " + rows.get(0).regionName()));
            Grid<PublicityTally> grid = new Grid<>();
            grid.setId("publicity-confirm-tally");
            grid.addColumn(PublicityTally::regionName).setHeader(getTranslation("publicity.region")).setAutoWidth(true);
            grid.addColumn(PublicityTally::activities).setHeader(getTranslation("publicity.activities")).setAutoWidth(true);
            grid.addColumn(PublicityTally::audience).setHeader(getTranslation("publicity.audience")).setAutoWidth(true);
            grid.addColumn(PublicityTally::letters).setHeader(getTranslation("publicity.letters")).setAutoWidth(true);
            grid.addColumn(PublicityTally::notices).setHeader(getTranslation("publicity.notices")).setAutoWidth(true);
            grid.setItems(rows);
            grid.setAllRowsVisible(true);
            TextArea remarks = new TextArea(getTranslation("publicity.remarks"));
            remarks.setWidthFull();
            remarks.setId("publicity-remarks");
            Button confirm = new Button(getTranslation("publicity.confirm"), e -> {
                try {
                    inbox.complete(task.id(), Map.of(PublicityProcess.VAR_REMARKS, remarks.getValue()));
                    Messages.showSuccess(getTranslation("publicity.confirmedDone"));
                    UI.getCurrent().navigate("tasks");
                } catch (DomainException refused) {
                    Messages.showError(this, refused);
                }
            });
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            confirm.setId("publicity-confirm");
            add(grid, remarks, confirm);
        } catch (DomainException refused) {
            add(new H2(Messages.of(this, refused)));
        }
    }
}
