package cn.canbao.bulletin;

/** Published when the county leader has published a bulletin (listeners decide who lags). */
public record BulletinPublished(long campaignId, long bulletinId) {}
