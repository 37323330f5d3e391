package cn.canbao.bulletin.process;

import cn.canbao.bulletin.Bulletin;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Starts the {@code CountyBulletin} process of a drafted bulletin: the county leader's review task. */
@Component
public class BulletinReview {

    /** The county leader reviews by noon of the day after the draft. */
    static final LocalTime REVIEW_DUE_AT = LocalTime.NOON;

    private final RuntimeService runtime;
    private final Clock clock;

    BulletinReview(RuntimeService runtime, Clock clock) {
        this.clock = clock;
        this.runtime = runtime;
    }

    /** Starts the review (business key: the campaign); returns the process instance id. */
    public String start(Bulletin b, String countyLeaderGroup) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(BulletinProcess.VAR_CAMPAIGN_ID, b.campaignId());
        variables.put(BulletinProcess.VAR_CAMPAIGN_NAME, b.campaignName());
        variables.put(BulletinProcess.VAR_REGION_NAME, b.countyName());
        variables.put(BulletinProcess.VAR_COUNTY_CODE, b.countyCode());
        variables.put(BulletinProcess.VAR_COUNTY_LEADER_GROUP, countyLeaderGroup);
        variables.put(BulletinProcess.VAR_BULLETIN_ID, b.id());
        variables.put(BulletinProcess.VAR_BULLETIN_NUMBER, b.number());
        variables.put(BulletinProcess.VAR_REVIEW_DUE, reviewDue());
        return runtime.startProcessInstanceByKey(BulletinProcess.KEY, Long.toString(b.campaignId()), variables)
                .getId();
    }

    /** Noon of the next day in the county's time zone, by the application's clock (the engine's: tests move it). */
    Date reviewDue() {
        return Date.from(LocalDate.now(clock)
                .plusDays(1)
                .atTime(REVIEW_DUE_AT)
                .atZone(clock.getZone())
                .toInstant());
    }
}
