package cn.canbao.escalation.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.escalation.EscalationService;
import cn.canbao.escalation.process.EscalationProcess;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;

/** 限期整改方案: the township head reads the summons and hands in the rectification plan. */
@Route("tasks/rectification-plan")
@RolesAllowed({"TOWNSHIP_LEADER", "ADMIN"})
class RectificationPlanView extends EscalationTaskView {

    RectificationPlanView(TaskInbox inbox, EscalationService escalations, Clock clock) {
        super("title.rectificationPlan", inbox, escalations, clock);
    }

    @Override
    protected void renderCase() {
        Paragraph explain = new Paragraph(getTranslation(
                "escalation.plan.explain",
                escalation.summonsDate(),
                escalation.planDeadline(),
                time(escalation.planDue())));
        explain.setId("plan-explain");
        Paragraph minutes =
                new Paragraph(Messages.labelled(this, getTranslation("escalation.minutes"), escalation.minutes()));
        minutes.addClassName("escalation-minutes");
        var plan = area("escalation.plan", "plan-text");
        plan.setMinHeight("12em");
        add(
                explain,
                minutes,
                plan,
                submit(
                        "escalation.plan.submit",
                        () -> complete(
                                Map.of(EscalationProcess.VAR_PLAN, plan.getValue()), "escalation.plan.submitted")));
    }
}
