package cn.canbao.campaign;

import cn.canbao.base.Translatable;

/** The phases of SPEC §5: mobilise (部署动员) → implement (组织实施) → summarise (总结提升), then closed. */
public enum CampaignPhase implements Translatable {
    MOBILISE,
    IMPLEMENT,
    SUMMARISE,
    CLOSED;

    @Override
    public String messageKey() {
        return "campaign.phase." + name();
    }
}
