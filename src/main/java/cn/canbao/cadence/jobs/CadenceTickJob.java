package cn.canbao.cadence.jobs;

import cn.canbao.cadence.CadenceService;
import cn.canbao.security.SystemAccess;
import java.time.Clock;
import java.time.LocalDate;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * A campaign's daily tick at its village time (one job and trigger per campaign, see {@link CadenceSchedule}):
 * the cadence decides what the day brings. The day is the fire time's date in China, or {@value #DAY} of
 * the data map when a run is triggered by hand for a given day.
 */
@DisallowConcurrentExecution
public class CadenceTickJob extends QuartzJobBean {

    public static final String CAMPAIGN_ID = "campaignId";
    /** Optional, ISO yyyy-MM-dd: the day to tick for instead of the fire time's. */
    public static final String DAY = "day";

    private final CadenceService cadence;
    private final Clock clock;

    public CadenceTickJob(CadenceService cadence, Clock clock) {
        this.cadence = cadence;
        this.clock = clock;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        long campaignId = Long.parseLong(data.get(CAMPAIGN_ID).toString());
        LocalDate day = data.containsKey(DAY)
                ? LocalDate.parse(data.getString(DAY))
                : LocalDate.ofInstant(context.getScheduledFireTime().toInstant(), clock.getZone());
        SystemAccess.run(() -> cadence.tick(campaignId, day));
    }
}
