package cn.canbao.campaign;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Ends what a test's campaign left running: other tests count the tasks of the demo townships, so none of a
 * campaign's processes may outlive the test that started it. Nothing happens for a campaign that never started.
 */
@Component
public class CampaignProcesses {

    private final RuntimeService runtime;

    CampaignProcesses(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Deletes the campaign's own process if it still runs. */
    public void endCampaignProcess(Campaign campaign) {
        if (campaign != null
                && runtime.createProcessInstanceQuery()
                                .processInstanceId(campaign.processInstanceId())
                                .count()
                        > 0) {
            runtime.deleteProcessInstance(campaign.processInstanceId(), "test finished");
        }
    }

    /** Deletes every root process under the campaign's id (its own, bulletins, reports) with what they started. */
    public void endAll(Campaign campaign) {
        if (campaign == null) {
            return;
        }
        for (ProcessInstance p : runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(Long.toString(campaign.id()))
                .rootProcessInstances()
                .list()) {
            runtime.deleteProcessInstance(p.getId(), "test finished");
        }
    }
}
