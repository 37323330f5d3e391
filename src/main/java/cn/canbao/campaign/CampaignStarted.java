package cn.canbao.campaign;

/** Published when a campaign and its process have started (in the same transaction). */
public record CampaignStarted(long campaignId) {}
