package cn.canbao.base;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker that runs rounds on one background thread from start-up to shutdown, on every node (what keeps two nodes
 * off the same work is the round's own claim or lock): the next round at once when the last one did something, else
 * after the idle poll. A round that throws is logged and tried again after the idle poll. Off when not enabled (tests
 * drive the rounds themselves).
 */
public abstract class WorkerLoop implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final boolean enabled;
    private final Duration idlePoll;
    private volatile Thread thread;

    protected WorkerLoop(String threadName, boolean enabled, Duration idlePoll) {
        this.threadName = threadName;
        this.enabled = enabled;
        this.idlePoll = idlePoll;
    }

    /** One round; true when it did something (then the next runs at once). */
    protected abstract boolean round();

    /** Called once the thread runs. */
    protected void started() {}

    /** Called on stop, before the thread is interrupted (a round in flight may be told to finish early). */
    protected void stopping() {}

    @Override
    public void start() {
        if (!enabled || thread != null) {
            return;
        }
        Thread t = new Thread(this::loop, threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
        started();
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            boolean busy = false;
            try {
                busy = round();
            } catch (RuntimeException e) {
                log.warn("{} round failed; trying again after {}", threadName, idlePoll, e);
            }
            if (!busy) {
                try {
                    Thread.sleep(idlePoll.toMillis());
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
            stopping();
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
