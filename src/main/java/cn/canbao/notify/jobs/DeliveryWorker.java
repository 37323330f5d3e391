package cn.canbao.notify.jobs;

import cn.canbao.notify.NotifySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link NoticeDelivery} continuously on one background thread from start-up to shutdown, on every node (the
 * claim's SKIP LOCKED keeps two nodes off the same row): a round at once when the last one did something, else after
 * the idle poll. Off with {@code canbao.notify.worker.enabled=false} (tests drive the rounds).
 */
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final NoticeDelivery delivery;
    private final NotifySettings.Worker settings;
    private volatile Thread thread;

    public DeliveryWorker(NoticeDelivery delivery, NotifySettings.Worker settings) {
        this.delivery = delivery;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.enabled() || thread != null) {
            return;
        }
        Thread t = new Thread(this::loop, "staff-notices");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            boolean busy = false;
            try {
                busy = delivery.deliver().worked() > 0;
            } catch (RuntimeException e) {
                log.warn("staff notice round failed; trying again after {}", settings.idlePoll(), e);
            }
            if (!busy) {
                try {
                    Thread.sleep(settings.idlePoll().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
