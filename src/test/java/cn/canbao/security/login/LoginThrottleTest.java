package cn.canbao.security.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lockout arithmetic of the login throttle: counted in a window, doubled in a row, capped, forgotten. */
class LoginThrottleTest {

    private static final LoginThrottleSettings SETTINGS =
            new LoginThrottleSettings(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(30));
    private static final Instant T0 = Instant.parse("2025-09-01T08:00:00Z");

    private static LoginThrottle.State fresh(Instant at) {
        return new LoginThrottle.State(0, at, at, 0, null);
    }

    private static LoginThrottle.State fail(LoginThrottle.State s, Instant at, int times) {
        for (int i = 0; i < times; i++) {
            s = LoginThrottle.afterFailure(s, at, 5, SETTINGS);
        }
        return s;
    }

    @Test
    void theFifthFailureInTheWindowLocksForAMinute() {
        LoginThrottle.State four = fail(fresh(T0), T0.plusSeconds(10), 4);
        assertThat(four.failures()).isEqualTo(4);
        assertThat(four.lockedUntil()).isNull();
        LoginThrottle.State five = fail(four, T0.plusSeconds(20), 1);
        assertThat(five.lockedUntil()).isEqualTo(T0.plusSeconds(80));
        assertThat(five.lockouts()).isEqualTo(1);
        assertThat(five.failures()).isZero();
    }

    @Test
    void failuresOfAnOldWindowDoNotCount() {
        LoginThrottle.State four = fail(fresh(T0), T0, 4);
        LoginThrottle.State later = fail(four, T0.plus(Duration.ofMinutes(16)), 1);
        assertThat(later.failures()).isEqualTo(1);
        assertThat(later.windowStartedAt()).isEqualTo(T0.plus(Duration.ofMinutes(16)));
        assertThat(later.lockedUntil()).isNull();
    }

    @Test
    void lockoutsInARowDoubleUpToTheMaximumAndAreForgottenAfterAQuietWindow() {
        LoginThrottle.State s = fail(fresh(T0), T0, 5);
        Instant at = T0;
        long[] minutes = {1, 2, 4, 8, 16, 30, 30};
        for (int i = 0; i < minutes.length; i++) {
            assertThat(Duration.between(at, s.lockedUntil()))
                    .as("lockout " + (i + 1))
                    .isEqualTo(Duration.ofMinutes(minutes[i]));
            at = s.lockedUntil();
            s = fail(s, at, 5);
        }
        Instant quiet = s.lockedUntil().plus(Duration.ofMinutes(15));
        LoginThrottle.State afterQuiet = fail(s, quiet, 5);
        assertThat(afterQuiet.lockouts()).isEqualTo(1);
        assertThat(Duration.between(quiet, afterQuiet.lockedUntil())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void accountKeysAreNormalisedLikeTheLoginAndCutToTheColumn() {
        assertThat(LoginThrottle.accountKey("  Clerk.A ")).isEqualTo("clerk.a");
        assertThat(LoginThrottle.accountKey("x".repeat(300))).hasSize(64);
        assertThat(LoginThrottle.accountKey(null)).isEmpty();
    }

    @Test
    void theLoginPageRoundsTheWaitUpToWholeMinutes() {
        assertThat(new LoginThrottledException(1).retryAfterMinutes()).isEqualTo(1);
        assertThat(new LoginThrottledException(60).retryAfterMinutes()).isEqualTo(1);
        assertThat(new LoginThrottledException(61).retryAfterMinutes()).isEqualTo(2);
    }
}
