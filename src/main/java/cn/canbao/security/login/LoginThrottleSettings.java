package cn.canbao.security.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code canbao.security.login.*}: how many failed logins are tolerated before further attempts are refused
 * without a password check (see {@link LoginThrottle}).
 *
 * @param maxFailuresPerAccount failures for one account name (existing or not) within the window …
 * @param maxFailuresPerAddress … or from one client address, across names, before a lockout
 * @param window                the span failures are counted in; also how long a key must stay quiet after
 *                              a lockout before the next lockout starts short again
 * @param lockout               the first lockout of a key, doubled for each further one …
 * @param lockoutMax            … up to this
 */
@ConfigurationProperties("canbao.security.login")
public record LoginThrottleSettings(
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration window,
        @DefaultValue("1m") Duration lockout,
        @DefaultValue("30m") Duration lockoutMax) {

    /** The length of the n-th lockout in a row (n ≥ 1): the first doubled n - 1 times, capped. */
    Duration lockoutNumber(int n) {
        int doublings = Math.min(Math.max(n - 1, 0), 30);
        Duration length = lockout.multipliedBy(1L << doublings);
        return length.compareTo(lockoutMax) > 0 ? lockoutMax : length;
    }
}
