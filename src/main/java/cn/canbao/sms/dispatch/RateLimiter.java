package cn.canbao.sms.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * At most N sends in any one-second window, counted where it matters: at the provider, which counts a request
 * when it arrives. We cannot see that moment; we know only that it lies after the request left us (the gateway
 * says when, {@link #onWire}: for Twilio once the connection is open, right before the request is written) and
 * before the send returned, and — the one assumption — within {@code arrivalSpread} of leaving: requests travel to
 * the provider in times that differ by less than that (pooled connections, one network path). So a send occupies a
 * place from the moment it is allowed to start until one second after the earlier of its return and its leaving plus
 * the spread, and a new send starts only while fewer than N places are occupied. Of any N + 1 requests arriving
 * within one second, the last to start would have found the other N still occupying their places, and waited.
 *
 * <p>Starts are also spaced, at least 1 s / N apart: a window's N sends leaving in one burst would queue for the same
 * cores and connections and arrive spread over more than the spread (seen on this 2-core machine at 100/s: 110 in one
 * second at the stub). The places still decide; the spacing only keeps the sends from bunching.
 *
 * <p>A provider answering in 300 ms therefore no longer costs a third of the rate: a place is held for at most
 * 1 s + the spread whatever the latency, so the dispatcher reaches N / (1 + spread), 97 % at the default 30 ms.
 * {@code arrivalSpread} of a second or more is the strict old rule (a place until a second after the send returned:
 * N / (1 + latency)). Monotonic time (not the dispatcher's Clock, which tests fix).
 */
public final class RateLimiter {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** One send's place: when it was taken, when the request left for the provider, and when the send returned. */
    static final class Place {
        private final long start;
        private long wire = Long.MAX_VALUE;
        private long end = Long.MAX_VALUE;

        private Place(long start) {
            this.start = start;
        }

        /** When the send started (monotonic nanoseconds). */
        long start() {
            return start;
        }
    }

    private final int perSecond;
    private final long spread;
    private final LongSupplier nanoTime;
    private final List<Place> places = new ArrayList<>();
    /** Starts are spaced evenly, at least 1 s / N apart: N sends never leave in one burst at a window's edge. */
    private final long spacing;

    private long lastStart = Long.MIN_VALUE / 2;

    RateLimiter(int perSecond, Duration arrivalSpread) {
        this(perSecond, arrivalSpread, System::nanoTime);
    }

    RateLimiter(int perSecond, Duration arrivalSpread, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("canbao.sms.rate-per-second must be at least 1");
        }
        if (arrivalSpread.isNegative()) {
            throw new IllegalArgumentException("canbao.sms.dispatcher.arrival-spread must not be negative");
        }
        this.perSecond = perSecond;
        this.spread = arrivalSpread.compareTo(Duration.ofSeconds(1)) >= 0 ? Long.MAX_VALUE : arrivalSpread.toNanos();
        this.nanoTime = nanoTime;
        this.spacing = SECOND / perSecond;
    }

    /** Waits until one more send keeps the window and takes its place (start now); null when interrupted. */
    synchronized Place acquire() {
        while (true) {
            long now = nanoTime.getAsLong();
            long firstFree = Long.MAX_VALUE;
            places.removeIf(p -> freedAt(p) <= now);
            long spaced = lastStart + spacing;
            if (places.size() < perSecond && now >= spaced) {
                Place place = new Place(now);
                places.add(place);
                lastStart = now;
                return place;
            }
            if (places.size() < perSecond) {
                firstFree = spaced;
            }
            for (Place p : places) {
                firstFree = Math.min(firstFree, freedAt(p));
            }
            if (firstFree == Long.MAX_VALUE) {
                firstFree = now + SECOND; // all in flight: woken when one leaves or returns
            }
            try {
                // woken early when a send returns; else when the first place frees
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(1_000, Math.min(SECOND, firstFree - now) + 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * Records that the send's request leaves for the provider now. Until then the place is held however long that
     * takes (a cold client, a connection being opened, a pause): it is from here that the spread is counted.
     */
    synchronized void onWire(Place place) {
        if (place.wire == Long.MAX_VALUE) {
            place.wire = nanoTime.getAsLong();
        }
    }

    /** Records that a send returned (whatever its outcome: a refused request still reached the provider). */
    synchronized void completed(Place place) {
        place.end = nanoTime.getAsLong();
        notifyAll();
    }

    /** Gives a place back unused: the send it was taken for never started. */
    synchronized void unused(Place place) {
        places.remove(place);
        notifyAll();
    }

    /** Places occupied now (tests). */
    synchronized int occupied() {
        long now = nanoTime.getAsLong();
        return (int) places.stream().filter(p -> freedAt(p) > now).count();
    }

    /** A second after the request reached the provider at the latest: its return, or its leaving plus the spread. */
    private long freedAt(Place p) {
        long reached = p.wire == Long.MAX_VALUE || spread == Long.MAX_VALUE ? p.end : Math.min(p.end, p.wire + spread);
        return reached == Long.MAX_VALUE ? Long.MAX_VALUE : reached + SECOND;
    }
}
