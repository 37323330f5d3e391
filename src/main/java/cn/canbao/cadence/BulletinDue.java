package cn.canbao.cadence;

import java.time.LocalDate;

/** Published by the cadence when the county's bulletin for a period is due (every 5 days by default). */
public record BulletinDue(long campaignId, LocalDate periodEnd) {}
