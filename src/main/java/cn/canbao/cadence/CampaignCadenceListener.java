package cn.canbao.cadence;

import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignPhaseChanged;
import cn.canbao.campaign.CampaignStarted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows campaigns: a campaign that starts gets its cadence and trigger (in the transaction that starts
 * it), one that summarises or closes loses its trigger.
 */
@Component
class CampaignCadenceListener {

    private final CadenceService cadence;

    CampaignCadenceListener(CadenceService cadence) {
        this.cadence = cadence;
    }

    @EventListener
    void started(CampaignStarted started) {
        cadence.begin(started.campaignId());
    }

    @EventListener
    void phaseChanged(CampaignPhaseChanged changed) {
        if (changed.phase() == CampaignPhase.SUMMARISE || changed.phase() == CampaignPhase.CLOSED) {
            cadence.end(changed.campaignId());
        }
    }
}
