package cn.canbao.quota.ui;

import cn.canbao.quota.TargetLevel;
import cn.canbao.quota.TargetRow;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/**
 * 确认并分解目标: a township leader splits the township's target over its villages, a village cadre the
 * village's over its grids. The sum must equal the target, or the comment must justify the difference.
 */
@Route("tasks/split-target")
@RolesAllowed({"TOWNSHIP_LEADER", "VILLAGE_CADRE", "ADMIN"})
class SplitTargetView extends TargetTaskView {

    SplitTargetView(TaskInbox inbox, TargetService targets, Clock clock) {
        super("title.splitTarget", inbox, targets, clock);
    }

    @Override
    protected void render() {
        TargetTable table = targets.table(campaignId(), regionCode());
        TargetRow own = table.region();
        FlexLayout summary = new FlexLayout(
                TargetEditor.card(
                        getTranslation("targets.assigned"), Integer.toString(own.target()), "target-assigned"),
                TargetEditor.card(
                        getTranslation("targets.proposed"), Integer.toString(own.proposed()), "target-own-proposed"),
                TargetEditor.card(
                        getTranslation(own.level() == TargetLevel.TOWNSHIP ? "targets.villages" : "targets.grids"),
                        Integer.toString(table.children().size()),
                        "target-children"));
        summary.addClassNames("canbao-summary");
        summary.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        TargetEditor editor = new TargetEditor(table, own.target());
        add(summary, editor, editor.submit("targets.confirmSplit", values -> complete(values, "targets.splitDone")));
    }
}
