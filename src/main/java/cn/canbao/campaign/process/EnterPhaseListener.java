package cn.canbao.campaign.process;

import cn.canbao.base.ProcessRecord;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.security.SystemAccess;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** {@code ${enterPhase}}: the campaign's phase milestones (and its end event) record the phase reached. */
@Component("enterPhase")
class EnterPhaseListener implements ExecutionListener {

    private static final Map<String, CampaignPhase> MILESTONES = Map.of(
            "Phase_Mobilise", CampaignPhase.MOBILISE,
            "Phase_Implement", CampaignPhase.IMPLEMENT,
            "Phase_Summarise", CampaignPhase.SUMMARISE,
            "End_Campaign", CampaignPhase.CLOSED);

    private final CampaignService campaigns;

    EnterPhaseListener(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void notify(DelegateExecution execution) {
        CampaignPhase phase = MILESTONES.get(execution.getCurrentActivityId());
        if (phase == null) {
            throw new IllegalStateException("enterPhase on an unknown milestone " + execution.getCurrentActivityId());
        }
        long campaignId = ProcessRecord.id(execution, CampaignProcess.VAR_CAMPAIGN_ID);
        SystemAccess.run(() -> campaigns.enterPhase(campaignId, phase));
    }
}
