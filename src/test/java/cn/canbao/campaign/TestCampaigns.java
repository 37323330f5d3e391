package cn.canbao.campaign;

import cn.canbao.ProcessTestSupport;
import cn.canbao.security.SecurityTestSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * A test's campaign: started by a county leader, and ended with all it left running afterwards (other tests count
 * the tasks of the demo townships, so none of a campaign's processes may outlive the test that started it; nothing
 * happens for a campaign that never started).
 */
@Component
public class TestCampaigns {

    private final RuntimeService runtime;
    private final ProcessTestSupport processes;
    private final CampaignService campaigns;
    private final SecurityTestSupport security;

    TestCampaigns(
            RuntimeService runtime,
            ProcessTestSupport processes,
            CampaignService campaigns,
            SecurityTestSupport security) {
        this.runtime = runtime;
        this.processes = processes;
        this.campaigns = campaigns;
        this.security = security;
    }

    /** Starts the campaign as that user (a county leader), through the service. */
    public Campaign start(String leader, NewCampaign campaign) {
        return security.as(leader, () -> campaigns.start(campaign));
    }

    /** Deletes the campaign's own process if it still runs. */
    public void endCampaignProcess(Campaign campaign) {
        if (campaign != null) {
            processes.deleteIfRunning(campaign.processInstanceId());
        }
    }

    /** Deletes every root process under the campaign's id (its own, bulletins, reports) with what they started. */
    public void endAll(Campaign campaign) {
        if (campaign != null) {
            endAll(campaign.id());
        }
    }

    /** {@link #endAll(Campaign)} for a campaign a test wrote itself. */
    public void endAll(long campaignId) {
        for (ProcessInstance p : runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(Long.toString(campaignId))
                .rootProcessInstances()
                .list()) {
            runtime.deleteProcessInstance(p.getId(), "test finished");
        }
    }
}
