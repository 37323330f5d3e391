package cn.canbao.campaign;

/** Published when a campaign's process passes a phase milestone (CLOSED at its end). */
public record CampaignPhaseChanged(long campaignId, CampaignPhase phase) {}
