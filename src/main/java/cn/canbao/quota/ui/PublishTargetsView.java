package cn.canbao.quota.ui;

import cn.canbao.base.ui.TranslatedTitle;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import cn.canbao.quota.process.BreakdownProcess;
import cn.canbao.quota.process.TargetVariables;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;

/** 确定并下达乡镇目标: the county leader adjusts the townships' proposals and publishes them. */
@Route("tasks/publish-targets")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class PublishTargetsView extends TargetTaskView implements TranslatedTitle {

    @Override
    public String titleKey() {
        return "title.publishTargets";
    }

    PublishTargetsView(TaskInbox inbox, TargetService targets, Clock clock) {
        super(inbox, targets, clock);
    }

    @Override
    protected void render() {
        TargetTable table = targets.countyTable(campaignId());
        FlexLayout summary = new FlexLayout(
                TargetEditor.card(
                        getTranslation("targets.proposedTotal"),
                        Integer.toString(table.childrenProposed()),
                        "target-proposed-total"),
                TargetEditor.card(
                        getTranslation("targets.townships"),
                        Integer.toString(table.children().size()),
                        "target-children"));
        summary.addClassNames("canbao-summary");
        summary.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        TargetEditor editor = new TargetEditor(table, null);
        Button publish = new Button(getTranslation("targets.publish"), e -> {
            if (!editor.valid()) {
                cn.canbao.base.ui.Messages.showError(getTranslation("targets.fixFields"));
                return;
            }
            complete(
                    Map.of(
                            BreakdownProcess.VAR_TARGETS,
                            TargetVariables.toJson(editor.values()),
                            BreakdownProcess.VAR_COMMENT,
                            editor.comment()),
                    "targets.published");
        });
        publish.setId("target-submit");
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(summary, editor, publish);
    }
}
