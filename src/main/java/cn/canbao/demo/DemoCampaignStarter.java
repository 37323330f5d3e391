package cn.canbao.demo;

import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.demo.synthetic.SyntheticCounty;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportFinished;
import cn.canbao.security.SystemAccess;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Once the demo register's insurance extract is in, starts a campaign for the attachment's year, so the
 * demo county leader finds the township proposals (35,470 in all) waiting in 我的任务 at first login.
 */
@Component
@ConditionalOnProperty(
        name = {"canbao.demo.enabled", "canbao.demo.register"},
        havingValue = "true")
class DemoCampaignStarter {

    private static final Logger log = LoggerFactory.getLogger(DemoCampaignStarter.class);

    private final CampaignService campaigns;
    private final Clock clock;

    DemoCampaignStarter(CampaignService campaigns, Clock clock) {
        this.clock = clock;
        this.campaigns = campaigns;
    }

    @EventListener
    @Order // after the baseline refresh, which listens to the same event
    void afterImport(ImportFinished finished) {
        if (finished.kind() != ExtractKind.INSURANCE_STATUS) {
            return;
        }
        SystemAccess.run(() -> {
            if (campaigns.list().isEmpty()) {
                LocalDate today = LocalDate.now(clock);
                var started = campaigns.start(NewCampaign.of(
                        SyntheticCounty.ENROLLMENT_YEAR + "年度全民参保扩面征缴行动（演示）",
                        SyntheticCounty.ENROLLMENT_YEAR,
                        YongchunSeed.COUNTY_CODE,
                        today,
                        today.plusMonths(3)));
                log.info(
                        "Demo campaign {} started: the county leader has the township targets to publish",
                        started.id());
            }
        });
    }
}
