package cn.canbao.dashboard;

import cn.canbao.cadence.CadenceTicked;
import cn.canbao.campaign.CampaignStarted;
import cn.canbao.register.ImportFinished;
import cn.canbao.register.RegisterFigures;
import cn.canbao.security.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the figures fresh: after an import (last among its listeners, so the baseline is fresh and paid cases
 * are ended) for the campaigns of the counties it touched; after a campaign starts and after each cadence tick,
 * once their transactions committed. A failed refresh is logged and leaves the previous figures.
 */
@Component
class DashboardListeners {

    private static final Logger log = LoggerFactory.getLogger(DashboardListeners.class);

    private final DashboardService dashboard;
    private final RegisterFigures register;

    DashboardListeners(DashboardService dashboard, RegisterFigures register) {
        this.dashboard = dashboard;
        this.register = register;
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void afterImport(ImportFinished finished) {
        SystemAccess.call(() -> register.importScope(finished.importId())).ifPresent(dashboard::refreshCampaignsAround);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void afterStart(CampaignStarted started) {
        refresh(started.campaignId(), null);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void afterTick(CadenceTicked ticked) {
        refresh(ticked.campaignId(), ticked);
    }

    private void refresh(long campaignId, CadenceTicked ticked) {
        try {
            if (ticked == null) {
                dashboard.refresh(campaignId);
            } else {
                dashboard.refresh(campaignId, ticked.day());
            }
        } catch (RuntimeException e) {
            log.error("Dashboard refresh of campaign {} failed; the figures stay as they were", campaignId, e);
        }
    }
}
