package cn.canbao.publicity.ui;

import cn.canbao.publicity.PublicityService;
import cn.canbao.publicity.PublicityTally;
import cn.canbao.publicity.process.PublicityProcess;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** 确认宣传成效: the township leader checks the township's and its villages' activity counts and confirms them. */
@Route("tasks/confirm-publicity")
@RolesAllowed({"TOWNSHIP_LEADER", "ADMIN"})
class ConfirmPublicityView extends TaskFormView {

    private final PublicityService publicity;

    ConfirmPublicityView(TaskInbox inbox, PublicityService publicity, Clock clock) {
        super("title.confirmPublicity", inbox, clock);
        this.publicity = publicity;
    }

    @Override
    protected void render() {
        List<PublicityTally> rows = publicity.tally(recordId(), (String) variables.get(PublicityProcess.VAR_TOWNSHIP));
        add(new H3(rows.get(0).regionName()));
        Grid<PublicityTally> grid = new Grid<>();
        grid.setId("publicity-confirm-tally");
        grid.addColumn(PublicityTally::regionName)
                .setHeader(getTranslation("publicity.region"))
                .setAutoWidth(true);
        grid.addColumn(PublicityTally::activities)
                .setHeader(getTranslation("publicity.activities"))
                .setAutoWidth(true);
        grid.addColumn(PublicityTally::audience)
                .setHeader(getTranslation("publicity.audience"))
                .setAutoWidth(true);
        grid.addColumn(PublicityTally::letters)
                .setHeader(getTranslation("publicity.letters"))
                .setAutoWidth(true);
        grid.addColumn(PublicityTally::notices)
                .setHeader(getTranslation("publicity.notices"))
                .setAutoWidth(true);
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        TextArea remarks = new TextArea(getTranslation("publicity.remarks"));
        remarks.setWidthFull();
        remarks.setId("publicity-remarks");
        Button confirm = new Button(
                getTranslation("publicity.confirm"),
                e -> complete(Map.of(PublicityProcess.VAR_REMARKS, remarks.getValue()), "publicity.confirmedDone"));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("publicity-confirm");
        add(grid, remarks, confirm);
    }
}
