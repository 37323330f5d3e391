package cn.canbao.escalation.ui;

import cn.canbao.escalation.EscalationService;
import cn.canbao.escalation.ProposalDecision;
import cn.canbao.escalation.process.EscalationProcess;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * 是否约谈: the county leader decides on a proposed summons — confirm it, waive it (the reason is required and kept), or
 * postpone it to a day, when it is proposed again.
 */
@Route("tasks/summons-proposal")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class SummonsProposalView extends EscalationTaskView {

    SummonsProposalView(TaskInbox inbox, EscalationService escalations, Clock clock) {
        super("title.summonsProposal", inbox, escalations, clock);
    }

    @Override
    protected void renderCase() {
        RadioButtonGroup<ProposalDecision> decision = new RadioButtonGroup<>(getTranslation("escalation.decision"));
        decision.setId("proposal-decision");
        decision.setItems(ProposalDecision.values());
        decision.setItemLabelGenerator(d -> getTranslation(d.messageKey()));
        decision.setValue(ProposalDecision.CONFIRM);
        LocalDate today = LocalDate.now(clock);
        DatePicker until = new DatePicker(getTranslation("escalation.postponeUntil"), today.plusDays(7));
        until.setId("proposal-postpone-until");
        until.setMin(today.plusDays(1));
        until.setWidthFull();
        var reason = area("escalation.decisionReason", "proposal-reason");
        reason.setRequired(false);
        decision.addValueChangeListener(e -> {
            until.setVisible(e.getValue() == ProposalDecision.POSTPONE);
            reason.setRequired(e.getValue() == ProposalDecision.WAIVE);
        });
        until.setVisible(false);
        add(decision, until, reason, submit("escalation.decision.submit", () -> {
            Map<String, Object> values = new HashMap<>();
            values.put(
                    EscalationProcess.VAR_DECISION,
                    decision.getValue() == null ? "" : decision.getValue().name());
            values.put(EscalationProcess.VAR_WAIVE_REASON, reason.getValue());
            values.put(
                    EscalationProcess.VAR_POSTPONE_UNTIL,
                    until.getValue() == null ? "" : until.getValue().toString());
            complete(values, "escalation.decision.recorded");
        }));
    }
}
