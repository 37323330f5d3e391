package cn.canbao.cadence;

import java.time.LocalDate;

/**
 * Published by the cadence when a campaign's reporting day has been handled (summaries and dispatches
 * started, the bulletin called for): figures read from the register may be refreshed now.
 */
public record CadenceTicked(long campaignId, LocalDate day, int reportingDay) {}
