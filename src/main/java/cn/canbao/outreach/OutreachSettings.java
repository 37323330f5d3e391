package cn.canbao.outreach;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How outreach runs in this deployment ({@code canbao.outreach.*}).
 *
 * @param reminderWait    days between the first and second reminder, and between the second and the visit task
 * @param visitDays       days the grid worker has for a visit before the task is overdue
 * @param paymentChannels where to pay, quoted in the reminders
 * @param batchSize       cases per range of an outreach start, each started in one transaction (a crash loses at most
 *                        one range, which whoever comes next starts again)
 * @param startHour       hour of the day (China time) the batch job starts new cases during the collection period
 * @param startJobs       whether a start also queues its batches as jobs of Camunda's job executor, so that every
 *                        node starts batches beside the calling thread (off: the calling thread starts them all)
 */
@ConfigurationProperties("canbao.outreach")
public record OutreachSettings(
        Duration reminderWait,
        Integer visitDays,
        String paymentChannels,
        Integer batchSize,
        Integer startHour,
        Boolean startJobs) {

    public OutreachSettings {
        reminderWait = reminderWait == null ? Duration.ofDays(7) : reminderWait;
        visitDays = visitDays == null ? 7 : visitDays;
        paymentChannels = paymentChannels == null ? "微信或支付宝搜索“医保缴费”、各银行网点、村委会代收" : paymentChannels;
        // 100: a range is one transaction and, on a job executor, one engine flush; smaller ranges spread better over
        // the nodes and a crash rolls back less (bench/outreach.sh: the county's start in 79.5 s at 100, 92.5 s at 500)
        batchSize = batchSize == null ? 100 : batchSize;
        startHour = startHour == null ? 9 : startHour;
        startJobs = startJobs == null || startJobs;
    }
}
