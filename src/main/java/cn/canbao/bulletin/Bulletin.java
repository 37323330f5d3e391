package cn.canbao.bulletin;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A county bulletin (第N期通报) of a campaign: the townships' standing at the end of {@code periodEnd}
 * (a day in the counties' zone, canbao.zone), drafted by the system and published by the county leader with remarks.
 */
public record Bulletin(
        long id,
        long campaignId,
        String campaignName,
        String countyCode,
        String countyName,
        int number,
        LocalDate periodEnd,
        BulletinStatus status,
        String remarks,
        String processInstanceId,
        Instant createdAt,
        Instant publishedAt,
        String publishedBy) {

    public boolean published() {
        return status == BulletinStatus.PUBLISHED;
    }

    /** The title of the printed bulletin, e.g. 永春县 · 2049年度扩面行动 · 第3期通报 (the document's, in Chinese). */
    public String title() {
        return countyName + " · " + campaignName + " · 第" + number + "期通报";
    }
}
