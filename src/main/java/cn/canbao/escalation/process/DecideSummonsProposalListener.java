package cn.canbao.escalation.process;

import cn.canbao.escalation.EscalationService;
import cn.canbao.escalation.ProposalDecision;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ProposeSummons} completed: records the county leader's decision (confirm, waive with a reason, postpone
 * to a day) and sets, from what was recorded, the variables the gateway and the postponement's timer read.
 */
@Component("decideSummonsProposal")
class DecideSummonsProposalListener implements TaskListener {

    private final EscalationService escalations;
    private final Clock clock;

    DecideSummonsProposalListener(EscalationService escalations, Clock clock) {
        this.clock = clock;
        this.escalations = escalations;
    }

    @Override
    public void notify(DelegateTask task) {
        ProposalDecision decision = decision(task.getVariable(EscalationProcess.VAR_DECISION));
        Date until = escalations.decideProposal(
                EscalationTasks.caseId(escalations, task),
                decision,
                (String) task.getVariable(EscalationProcess.VAR_WAIVE_REASON),
                EscalationTasks.date(task.getVariable(EscalationProcess.VAR_POSTPONE_UNTIL), clock.getZone()));
        task.getExecution().setVariable(EscalationProcess.VAR_PROPOSAL_DECISION, decision.name());
        task.getExecution().setVariable(EscalationProcess.VAR_POSTPONED_UNTIL, until);
    }

    private static ProposalDecision decision(Object value) {
        try {
            return value instanceof String s && !s.isBlank() ? ProposalDecision.valueOf(s.trim()) : null;
        } catch (IllegalArgumentException e) {
            return null; // refused by the service as missing
        }
    }
}
