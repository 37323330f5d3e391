package cn.canbao.bulletin;

import cn.canbao.cadence.BulletinDue;
import cn.canbao.security.SystemAccess;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The cadence calls for a bulletin (every 5 days): the system drafts it and hands it to the county leader. */
@Component
class BulletinDueListener {

    private final BulletinService bulletins;

    BulletinDueListener(BulletinService bulletins) {
        this.bulletins = bulletins;
    }

    @EventListener
    void draft(BulletinDue due) {
        // drafted by the system whoever published the event (a Quartz job, an admin's "now" button)
        SystemAccess.run(() -> bulletins.draft(due.campaignId(), due.periodEnd()));
    }
}
