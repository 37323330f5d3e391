package cn.canbao.outreach;

import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An outreach test's campaign: started by its county leader and moved on to implementation (where outreach may
 * start), and ended afterwards: other tests count the tasks of the demo townships, so no case process of a test's
 * campaign (nor the campaign's own) may outlive it.
 */
@Component
public class OutreachCampaigns {

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final CampaignService campaigns;
    private final SecurityTestSupport security;

    OutreachCampaigns(
            JdbcTemplate jdbc, RuntimeService runtime, CampaignService campaigns, SecurityTestSupport security) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.campaigns = campaigns;
        this.security = security;
    }

    /** Starts the campaign as the county leader and moves it to implementation, as the system would. */
    public Campaign implementing(String leader, NewCampaign campaign) {
        Campaign started = security.as(leader, () -> campaigns.start(campaign));
        SystemAccess.run(() -> campaigns.enterPhase(started.id(), CampaignPhase.IMPLEMENT));
        return started;
    }

    /** Deletes the processes of the campaign's outreach cases, then the campaign's own; nothing when it is null. */
    public void end(Campaign campaign) {
        if (campaign == null) {
            return;
        }
        endCases(campaign);
        endIfRunning(campaign.processInstanceId());
    }

    /** Deletes the processes of the campaign's outreach cases that still run. */
    public void endCases(Campaign campaign) {
        jdbc.queryForList(
                        "select process_instance_id from outreach_case where campaign_id = ? "
                                + "and process_instance_id is not null",
                        String.class,
                        campaign.id())
                .forEach(this::endIfRunning);
    }

    /** Deletes the process instance if it still runs (a null id is none). */
    public void endIfRunning(String instance) {
        if (instance != null
                && runtime.createProcessInstanceQuery()
                                .processInstanceId(instance)
                                .count()
                        > 0) {
            runtime.deleteProcessInstance(instance, "test finished");
        }
    }
}
