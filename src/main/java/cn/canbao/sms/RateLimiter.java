package cn.canbao.sms;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * At most N sends in any one-second window, measured where it matters — at the provider. A send occupies a
 * place from its start until one second after it <em>returned</em>; a new send starts only while fewer than N
 * places are occupied. So of any N + 1 sends arriving at the provider within one second, the last to start
 * would have found the other N occupying their places — in flight, or returned less than a second before —
 * and waited. This holds with several senders in parallel (a provider answering slowly, e.g. 200 ms, needs
 * them to reach the rate). Monotonic time (not the dispatcher's Clock, which tests fix).
 */
final class RateLimiter {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int perSecond;
    private final ArrayDeque<Long> completions = new ArrayDeque<>();
    private int inFlight;

    RateLimiter(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("canbao.sms.rate-per-second must be at least 1");
        }
        this.perSecond = perSecond;
    }

    /** Waits until one more send keeps the window, and takes its place; returns false when interrupted. */
    synchronized boolean acquire() {
        while (true) {
            long now = System.nanoTime();
            while (!completions.isEmpty() && completions.peekFirst() + SECOND <= now) {
                completions.pollFirst();
            }
            if (inFlight + completions.size() < perSecond) {
                inFlight++;
                return true;
            }
            long waitNanos = completions.isEmpty() ? SECOND : completions.peekFirst() + SECOND - now;
            try {
                // woken early when a send returns; else when the oldest completion leaves the window
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(1_000, waitNanos + 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Records that a send returned (whatever its outcome: a refused request still reached the provider). */
    synchronized void completed() {
        inFlight--;
        completions.addLast(System.nanoTime());
        notifyAll();
    }
}
