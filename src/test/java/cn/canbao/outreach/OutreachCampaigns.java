package cn.canbao.outreach;

import cn.canbao.ProcessTestSupport;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.campaign.TestCampaigns;
import cn.canbao.security.SystemAccess;
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
    private final ProcessTestSupport processes;
    private final CampaignService campaigns;
    private final TestCampaigns testCampaigns;

    OutreachCampaigns(
            JdbcTemplate jdbc, ProcessTestSupport processes, CampaignService campaigns, TestCampaigns testCampaigns) {
        this.jdbc = jdbc;
        this.processes = processes;
        this.campaigns = campaigns;
        this.testCampaigns = testCampaigns;
    }

    /** Starts the campaign as the county leader and moves it to implementation, as the system would. */
    public Campaign implementing(String leader, NewCampaign campaign) {
        Campaign started = testCampaigns.start(leader, campaign);
        SystemAccess.run(() -> campaigns.enterPhase(started.id(), CampaignPhase.IMPLEMENT));
        return started;
    }

    /** Deletes the processes of the campaign's outreach cases, then the campaign's own; nothing when it is null. */
    public void end(Campaign campaign) {
        if (campaign == null) {
            return;
        }
        endCases(campaign);
        processes.deleteIfRunning(campaign.processInstanceId());
    }

    /** Deletes the processes of the campaign's outreach cases that still run. */
    public void endCases(Campaign campaign) {
        jdbc.queryForList(
                        "select process_instance_id from outreach_case where campaign_id = ? "
                                + "and process_instance_id is not null",
                        String.class,
                        campaign.id())
                .forEach(processes::deleteIfRunning);
    }
}
