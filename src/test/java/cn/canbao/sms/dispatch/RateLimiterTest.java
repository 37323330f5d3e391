package cn.canbao.sms.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limit's places: held from a send's start to a second after it reached the provider at the latest. */
class RateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void aSlowSendHoldsItsPlaceOnlyUntilASecondAfterItsStartPlusTheSpread() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(2, Duration.ofMillis(30), now::get);
        RateLimiter.Place first = limiter.acquire();
        limiter.onWire(first);
        now.set(500 * MS); // starts are spaced at least 1 s / 2 apart
        RateLimiter.Place second = limiter.acquire();
        limiter.onWire(second);
        assertThat(limiter.occupied()).isEqualTo(2);

        now.set(1_029 * MS); // both still in flight (a provider answering in seconds): the first's window is not over
        assertThat(limiter.occupied()).isEqualTo(2);
        now.set(1_030 * MS); // it reached the provider by 30 ms after leaving: a second later its place frees
        assertThat(limiter.occupied()).isEqualTo(1);
        limiter.completed(first);
        now.set(1_530 * MS);
        assertThat(limiter.occupied()).isZero();
    }

    @Test
    void aFastSendFreesItsPlaceASecondAfterItReturned() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(30), now::get);
        RateLimiter.Place place = limiter.acquire();
        now.set(10 * MS);
        limiter.completed(place);
        now.set(1_009 * MS);
        assertThat(limiter.occupied()).isEqualTo(1);
        now.set(1_010 * MS);
        assertThat(limiter.occupied()).isZero();
    }

    @Test
    void aSpreadOfASecondIsTheStrictRuleThatWaitsForTheReturn() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), now::get);
        RateLimiter.Place place = limiter.acquire();
        limiter.onWire(place);
        now.set(5_000 * MS);
        assertThat(limiter.occupied()).as("in flight for 5 s: still held").isEqualTo(1);
        limiter.completed(place);
        now.set(5_999 * MS);
        assertThat(limiter.occupied()).isEqualTo(1);
        now.set(6_000 * MS);
        assertThat(limiter.occupied()).isZero();
    }

    /** A cold client, a connection being opened, a pause: the spread counts only from the request's leaving. */
    @Test
    void aSendThatHasNotLeftYetHoldsItsPlaceHoweverLong() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(30), now::get);
        RateLimiter.Place place = limiter.acquire();
        now.set(4_000 * MS);
        assertThat(limiter.occupied()).isEqualTo(1);
        limiter.onWire(place); // leaves 4 s late: reaches the provider by 4.03 s, so its place frees at 5.03 s
        now.set(5_029 * MS);
        assertThat(limiter.occupied()).isEqualTo(1);
        now.set(5_030 * MS);
        assertThat(limiter.occupied()).isZero();
    }

    @Test
    void anUnusedPlaceIsFreeAtOnce() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(30), now::get);
        limiter.unused(limiter.acquire());
        assertThat(limiter.occupied()).isZero();
    }

    /**
     * Real threads and time: 16 sends that each take 300 ms through 16 senders at 5/s. No six of them start within
     * 1 s + spread of each other, and the latency does not stretch the windows (the strict rule took 1.3 s each).
     */
    @Test
    void underLatencyStartsKeepTheWindowAndTheLatencyDoesNotSlowThem() throws Exception {
        int rate = 5;
        RateLimiter limiter = new RateLimiter(rate, Duration.ofMillis(30));
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(16);
        long t0 = System.nanoTime();
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sends.add(senders.submit(() -> {
                RateLimiter.Place place = limiter.acquire();
                limiter.onWire(place);
                starts.add(place.start());
                try {
                    TimeUnit.MILLISECONDS.sleep(300);
                } finally {
                    limiter.completed(place);
                }
                return null;
            }));
        }
        for (Future<?> f : sends) {
            f.get();
        }
        senders.shutdown();
        List<Long> sorted = starts.stream().sorted().toList();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            assertThat(sorted.get(i + 1) - sorted.get(i))
                    .as("spaced, never in a burst")
                    .isGreaterThanOrEqualTo(200 * MS);
        }
        for (int i = 0; i + rate < sorted.size(); i++) {
            assertThat(sorted.get(i + rate) - sorted.get(i)).isGreaterThanOrEqualTo(1_030 * MS);
        }
        // the 16th send starts at about 15 × 0.206 s, not at 3 × 1.3 s as when a place waited a second after the return
        assertThat(sorted.get(15) - t0).isLessThan(3_600 * MS);
    }
}
