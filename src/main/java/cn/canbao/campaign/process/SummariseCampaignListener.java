package cn.canbao.campaign.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.campaign.CampaignService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${summariseCampaign}}: completing 撰写行动总结 stores the summary (refused when blank). */
@Component("summariseCampaign")
class SummariseCampaignListener implements TaskListener {

    private final CampaignService campaigns;

    SummariseCampaignListener(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void notify(DelegateTask task) {
        campaigns.summarise(ProcessRecord.id(task, CampaignProcess.VAR_CAMPAIGN_ID), (String)
                task.getVariable(CampaignProcess.VAR_SUMMARY));
    }
}
