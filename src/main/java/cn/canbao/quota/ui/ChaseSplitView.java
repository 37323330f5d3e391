package cn.canbao.quota.ui;

import cn.canbao.quota.TargetRow;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.process.BreakdownProcess;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;

/** 督办逾期分解: the level above sees the overdue region's target and records how it chased it. */
@Route("tasks/chase-split")
@RolesAllowed({"COUNTY_LEADER", "TOWNSHIP_LEADER", "ADMIN"})
class ChaseSplitView extends TargetTaskView {

    ChaseSplitView(TaskInbox inbox, TargetService targets, Clock clock) {
        super("title.chaseSplit", inbox, targets, clock);
    }

    @Override
    protected void render() {
        TargetRow row = targets.row(campaignId(), regionCode());
        Object due = variables.get(BreakdownProcess.VAR_SPLIT_DUE);
        add(new Paragraph(getTranslation(
                "targets.chase.explain",
                row.regionName(),
                row.target(),
                due instanceof java.util.Date d ? time.format(d.toInstant()) : "")));
        TextArea note = new TextArea(getTranslation("targets.chase.note"));
        note.setId("chase-note");
        note.setWidthFull();
        note.setRequired(true);
        Button done = new Button(getTranslation("targets.chase.done"), e -> {
            if (note.getValue().isBlank()) {
                note.setInvalid(true);
                note.setErrorMessage(getTranslation("targets.chase.noteRequired"));
                return;
            }
            complete(Map.of(BreakdownProcess.VAR_CHASE_NOTE, note.getValue()), "targets.chase.recorded");
        });
        done.setId("target-submit");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(note, done);
    }
}
