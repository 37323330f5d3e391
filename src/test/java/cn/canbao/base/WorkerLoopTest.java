package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop the SMS dispatcher and the staff notice delivery run on, run for real on its thread. */
class WorkerLoopTest {

    /** Busy for the first {@code busyRounds} rounds, then idle; the third round throws. */
    static final class Counting extends WorkerLoop {
        final AtomicInteger rounds = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        final int busyRounds;

        Counting(boolean enabled, Duration idlePoll, int busyRounds) {
            super("test-worker", enabled, idlePoll);
            this.busyRounds = busyRounds;
        }

        @Override
        protected boolean round() {
            int n = rounds.incrementAndGet();
            if (n == 3) {
                throw new IllegalStateException("a failing round");
            }
            return n <= busyRounds;
        }

        @Override
        protected void stopping() {
            stops.incrementAndGet();
        }
    }

    @Test
    void busyRoundsFollowAtOnceAndAFailingRoundDoesNotEndTheLoop() {
        // ten busy rounds, then idle ones a second apart: twelve rounds in about 2 s (12 s if busy rounds waited too),
        // and
        // the rounds after the failing third come only because the loop survives it
        Counting worker = new Counting(true, Duration.ofSeconds(1), 10);
        worker.start();
        try {
            assertThat(worker.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(8)).until(() -> worker.rounds.get() >= 12);
        } finally {
            worker.stop();
        }
        assertThat(worker.isRunning()).isFalse();
        assertThat(worker.stops).hasValue(1);
        int after = worker.rounds.get();
        // no round after stop: the count holds for longer than an idle poll
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> worker.rounds.get() == after);
    }

    @Test
    void anIdleWorkerWaitsForTheIdlePollBetweenRounds() {
        Counting worker = new Counting(true, Duration.ofSeconds(30), 0);
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.rounds.get() >= 1);
            // one round, then the idle wait: the count holds at one
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> worker.rounds.get() == 1);
        } finally {
            worker.stop();
        }
        assertThat(worker.isRunning()).isFalse();
    }

    @Test
    void aDisabledWorkerNeverStarts() {
        Counting worker = new Counting(false, Duration.ofMillis(10), 10);
        worker.start();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> worker.rounds.get() == 0);
        assertThat(worker.isRunning()).isFalse();
        assertThat(worker.rounds).hasValue(0);
        worker.stop();
        assertThat(worker.stops).hasValue(0);
    }
}
