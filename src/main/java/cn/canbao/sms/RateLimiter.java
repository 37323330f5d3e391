package cn.canbao.sms;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * At most N sends in any one-second window, measured where it matters — at the provider. A send may start
 * only one second after the send N places before it has <em>returned</em>: the provider received that one
 * before it answered, so any two requests N apart reach it more than a second apart. Monotonic time
 * (not the dispatcher's Clock, which tests fix).
 */
final class RateLimiter {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int perSecond;
    private final ArrayDeque<Long> completions = new ArrayDeque<>();

    RateLimiter(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("canbao.sms.rate-per-second must be at least 1");
        }
        this.perSecond = perSecond;
    }

    /** Waits until one more send keeps the window; returns false when interrupted. */
    synchronized boolean acquire() {
        while (completions.size() >= perSecond) {
            long wait = completions.peekFirst() + SECOND - System.nanoTime();
            if (wait <= 0) {
                completions.pollFirst();
                continue;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(wait + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Records that a send returned (whatever its outcome: a refused request still reached the provider). */
    synchronized void completed() {
        completions.addLast(System.nanoTime());
    }
}
