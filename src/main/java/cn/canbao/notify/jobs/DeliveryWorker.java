package cn.canbao.notify.jobs;

import cn.canbao.base.WorkerLoop;
import cn.canbao.notify.NotifySettings;

/**
 * Runs {@link NoticeDelivery} continuously from start-up to shutdown, on every node (the claim's SKIP LOCKED keeps two
 * nodes off the same row). Off with {@code canbao.notify.worker.enabled=false} (tests drive the rounds).
 */
public class DeliveryWorker extends WorkerLoop {

    private final NoticeDelivery delivery;

    public DeliveryWorker(NoticeDelivery delivery, NotifySettings.Worker settings) {
        super("staff-notices", settings.enabled(), settings.idlePoll());
        this.delivery = delivery;
    }

    @Override
    protected boolean round() {
        return delivery.deliver().worked() > 0;
    }
}
