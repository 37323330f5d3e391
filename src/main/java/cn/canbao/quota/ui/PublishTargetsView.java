package cn.canbao.quota.ui;

import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/** 确定并下达乡镇目标: the county leader adjusts the townships' proposals and publishes them. */
@Route("tasks/publish-targets")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class PublishTargetsView extends TargetTaskView {

    PublishTargetsView(TaskInbox inbox, TargetService targets, Clock clock) {
        super("title.publishTargets", inbox, targets, clock);
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
        add(summary, editor, editor.submit("targets.publish", values -> complete(values, "targets.published")));
    }
}
