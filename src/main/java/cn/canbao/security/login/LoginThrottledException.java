package cn.canbao.security.login;

import java.io.Serial;
import org.springframework.security.authentication.LockedException;

/**
 * A login refused before its password was checked: too many failures for the account name or from the
 * client address (see {@link LoginThrottle}). The same for existing, unknown and disabled accounts.
 */
public class LoginThrottledException extends LockedException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public LoginThrottledException(long retryAfterSeconds) {
        super("too many failed logins, retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until the lockout ends (the HTTP {@code Retry-After}). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Whole minutes until the lockout ends, as the login page tells it (at least 1). */
    public long retryAfterMinutes() {
        return Math.max(1, (retryAfterSeconds + 59) / 60);
    }
}
