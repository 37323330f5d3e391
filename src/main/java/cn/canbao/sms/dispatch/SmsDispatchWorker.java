package cn.canbao.sms.dispatch;

import cn.canbao.sms.SmsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the dispatcher continuously on one background thread from start-up to shutdown (every node runs
 * one; the advisory lock lets one dispatch at a time): a round whenever the last one sent something, else
 * after the idle poll. Off with {@code canbao.sms.dispatcher.enabled=false} (tests drive the dispatcher).
 */
public class SmsDispatchWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmsDispatchWorker.class);

    private final SmsDispatcher dispatcher;
    private final SmsSettings.Dispatcher settings;
    private volatile Thread thread;

    public SmsDispatchWorker(SmsDispatcher dispatcher, SmsSettings.Dispatcher settings) {
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.enabled() || thread != null) {
            return;
        }
        Thread t = new Thread(this::loop, "sms-dispatcher");
        t.setDaemon(true);
        thread = t;
        t.start();
        log.info("SMS dispatcher started (gateway {})", dispatcher.gateway().name());
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            boolean busy = false;
            try {
                SmsDispatcher.Round round = dispatcher.dispatch();
                busy = round.ran()
                        && !round.quiet()
                        && round.sent() + round.retried() + round.unknown() + round.failed() + round.resent() > 0;
            } catch (RuntimeException e) {
                log.warn("SMS dispatch round failed; trying again after {}", settings.idlePoll(), e);
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
            dispatcher.stop();
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
