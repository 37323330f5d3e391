package cn.canbao.outreach.jobs;

import cn.canbao.base.QuartzJobs;
import cn.canbao.outreach.OutreachSettings;
import cn.canbao.outreach.OutreachStarter;
import cn.canbao.outreach.process.PaymentCorrelation;
import cn.canbao.security.SystemAccess;
import java.time.Clock;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Every morning during collection periods (clustered: one node runs it): payments that arrived by other ways
 * end their cases, then every campaign in its implementation phase lists and starts its new outreach cases —
 * residents who became due since yesterday, and any batch a crash left unstarted.
 */
@DisallowConcurrentExecution
public class OutreachJob extends QuartzJobBean {

    private final OutreachStarter starter;
    private final PaymentCorrelation payments;

    public OutreachJob(OutreachStarter starter, PaymentCorrelation payments) {
        this.starter = starter;
        this.payments = payments;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        SystemAccess.run(() -> {
            payments.endPaidCases();
            starter.startDueCampaigns();
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OutreachSettings.class)
    public static class Schedule {

        public static final String NAME = "outreach-start";

        @Bean
        JobDetail outreachJob() {
            return QuartzJobs.recoverable(OutreachJob.class, JobKey.jobKey(NAME, "outreach"), "启动欠费居民催缴（征收期内每日）")
                    .build();
        }

        /**
         * Daily at {@code canbao.outreach.start-hour}, or on {@code canbao.outreach.start-cron} (a Quartz cron, in
         * the clock's zone) when that is set: the cluster test starts outreach every few seconds.
         */
        @Bean
        Trigger outreachTrigger(
                JobDetail outreachJob,
                OutreachSettings settings,
                @org.springframework.beans.factory.annotation.Value("${canbao.outreach.start-cron:}") String cron,
                Clock clock) {
            CronScheduleBuilder schedule = cron.isBlank()
                    ? CronScheduleBuilder.dailyAtHourAndMinute(settings.startHour(), 0)
                    : CronScheduleBuilder.cronSchedule(cron);
            return QuartzJobs.cron(
                    outreachJob.getKey(), TriggerKey.triggerKey(NAME, "outreach"), schedule, clock.getZone());
        }
    }
}
