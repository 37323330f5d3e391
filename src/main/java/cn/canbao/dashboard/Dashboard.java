package cn.canbao.dashboard;

import cn.canbao.campaign.Campaign;
import cn.canbao.region.Region;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One region's dashboard in a campaign, as of the last refresh ({@code asOf}; null when the campaign has not been
 * refreshed yet): the breadcrumb from the caller's top region, the region's own figures, its children ranked by
 * completion (ties: coverage, then code), its progress per day, the reasons for non-enrolment and SMS per day.
 */
public record Dashboard(
        Campaign campaign,
        Region region,
        List<Region> breadcrumb,
        LocalDate asOf,
        Instant refreshedAt,
        BigDecimal expected,
        RegionFigures total,
        List<RegionFigures> children,
        List<ProgressPoint> progress,
        List<ReasonCount> reasons,
        List<SmsDay> sms) {

    public boolean empty() {
        return total == null;
    }
}
