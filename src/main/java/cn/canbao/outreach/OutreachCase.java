package cn.canbao.outreach;

import java.time.Instant;

/**
 * One resident in outreach for one campaign, as a worklist shows it: name, ID and mobile already masked.
 * {@code lastSmsStatus} is the message key of the latest text's status; {@code visitTaskId} the open visit task, if any.
 */
public record OutreachCase(
        long id,
        long campaignId,
        String name,
        String maskedId,
        String maskedMobile,
        String kind,
        String gridCode,
        String regionName,
        OutreachStage stage,
        String endReason,
        Instant nextActionAt,
        Instant lastContactAt,
        String lastSmsStatus,
        String visitTaskId) {

    OutreachCase withLinks(String smsStatus, String taskId) {
        return new OutreachCase(
                id,
                campaignId,
                name,
                maskedId,
                maskedMobile,
                kind,
                gridCode,
                regionName,
                stage,
                endReason,
                nextActionAt,
                lastContactAt,
                smsStatus,
                taskId);
    }
}
