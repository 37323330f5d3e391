package cn.canbao.sms.dispatch;

import cn.canbao.base.WorkerLoop;
import cn.canbao.sms.SmsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dispatcher continuously from start-up to shutdown (every node runs one; the advisory lock lets one
 * dispatch at a time): a round whenever the last one sent something, else after the idle poll. Off with
 * {@code canbao.sms.dispatcher.enabled=false} (tests drive the dispatcher).
 */
public class SmsDispatchWorker extends WorkerLoop {

    private static final Logger log = LoggerFactory.getLogger(SmsDispatchWorker.class);

    private final SmsDispatcher dispatcher;

    public SmsDispatchWorker(SmsDispatcher dispatcher, SmsSettings.Dispatcher settings) {
        super("sms-dispatcher", settings.enabled(), settings.idlePoll());
        this.dispatcher = dispatcher;
    }

    @Override
    protected void started() {
        log.info("SMS dispatcher started (gateway {})", dispatcher.gateway().name());
    }

    @Override
    protected boolean round() {
        SmsDispatcher.Round round = dispatcher.dispatch();
        return round.ran()
                && !round.quiet()
                && round.sent() + round.retried() + round.unknown() + round.failed() + round.resent() > 0;
    }

    @Override
    protected void stopping() {
        dispatcher.stop();
    }
}
