package cn.canbao.security.login;

import cn.canbao.base.database.Timestamps;
import cn.canbao.security.SecurityAudit;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The brute-force limit of every password login (form, HTTP Basic on {@code /api}, {@code /engine-rest} and
 * Actuator): failures are counted per account name and per client address in {@code login_throttle}, shared
 * by all nodes. Too many in the window lock the key for a while, doubling with each lockout in a row; while
 * locked, attempts are refused before the password is checked, so they cost no bcrypt and tell nothing. Names
 * are counted as typed whether the account exists or not, so the answers do not reveal which accounts exist.
 * A successful login clears the account's count; an address's count only ages out, or one valid account
 * would reset it for guesses at all the others.
 * <p>
 * Times are the database's ({@code now()}): one clock for all nodes. Anyone can lock an account for a few
 * minutes by guessing wrong on purpose; that is the price of the per-account limit, and the lockout stays
 * short unless the guessing goes on.
 */
// called before anyone is authenticated (login attempts and their refusals): open by design
@PreAuthorize("permitAll()")
@Service
@EnableConfigurationProperties(LoginThrottleSettings.class)
public class LoginThrottle {

    static final String FAILED = "LOGIN_FAILED";
    static final String THROTTLED = "LOGIN_THROTTLED";
    private static final int KEY_LENGTH = 64;
    private static final int PURGE_BATCH = 20;

    /** The two kinds of key. */
    enum Kind {
        ACCOUNT,
        ADDRESS
    }

    /** One key's row. */
    record State(int failures, Instant windowStartedAt, Instant lastFailureAt, int lockouts, Instant lockedUntil) {}

    /** What the check before a login saw: whether the account has failures to clear after a success. */
    record Check(String account, String address, boolean accountHasFailures) {}

    private final JdbcClient jdbc;
    private final LoginThrottleSettings settings;
    private final SecurityAudit audit;

    LoginThrottle(JdbcClient jdbc, LoginThrottleSettings settings, SecurityAudit audit) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.audit = audit;
    }

    /**
     * Refuses the attempt with {@link LoginThrottledException} while the account name or the address is locked;
     * the first refusal of each lockout is audited (and marked so, hence no rollback for the refusal).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = LoginThrottledException.class)
    public Check check(String username, String clientAddress) {
        String account = accountKey(username);
        String address = clientAddress == null ? null : cut(clientAddress);
        List<Row> rows = jdbc.sql("select kind, key, locked_until > now() as locked, "
                        + "ceil(extract(epoch from locked_until - now()))::bigint as seconds, refusal_audited "
                        + "from login_throttle where (kind = 'ACCOUNT' and key = ?) or (kind = 'ADDRESS' and key = ?)")
                .param(account)
                .param(address == null ? "" : address)
                .query((rs, i) -> new Row(
                        Kind.valueOf(rs.getString(1)),
                        rs.getString(2),
                        rs.getBoolean(3),
                        rs.getLong(4),
                        rs.getBoolean(5)))
                .list();
        long retryAfter = 0;
        for (Row row : rows) {
            if (row.locked()) {
                retryAfter = Math.max(retryAfter, row.seconds());
                if (!row.refusalAudited() && firstRefusal(row)) {
                    audit.recordFrom(
                            username,
                            address,
                            THROTTLED,
                            subject(row.kind(), row.key()),
                            SecurityAudit.Outcome.REFUSED,
                            "attempt refused during a lockout, " + row.seconds()
                                    + " s left; further refusals of this lockout are not recorded");
                }
            }
        }
        if (retryAfter > 0) {
            throw new LoginThrottledException(Math.max(retryAfter, 1));
        }
        return new Check(account, address, rows.stream().anyMatch(r -> r.kind() == Kind.ACCOUNT));
    }

    /** Counts a failed login against the account name and the address; audits it and any lockout it starts. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(Check check, String username, String reason) {
        audit.recordFrom(username, check.address(), FAILED, check.account(), SecurityAudit.Outcome.REFUSED, reason);
        // always account first, then address: concurrent failures lock rows in the same order
        count(Kind.ACCOUNT, check.account(), settings.maxFailuresPerAccount(), check, username);
        if (check.address() != null) {
            count(Kind.ADDRESS, check.address(), settings.maxFailuresPerAddress(), check, username);
        }
        // a few rows nobody has failed on for longer than any lockout and window: the table stays small even
        // when names are sprayed; rows another login holds are left for later rather than waited for
        jdbc.sql("delete from login_throttle where ctid = any(array(select ctid from login_throttle "
                        + "where last_failure_at < now() - make_interval(secs => ?) limit ? for update skip locked))")
                .param(settings.window().plus(settings.lockoutMax()).toSeconds())
                .param(PURGE_BATCH)
                .update();
    }

    /** A successful login: the account name starts afresh. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(Check check) {
        if (check.accountHasFailures()) {
            jdbc.sql("delete from login_throttle where kind = 'ACCOUNT' and key = ?")
                    .param(check.account())
                    .update();
        }
    }

    /** The key of an account name: as the login normalises it, cut to the column. */
    static String accountKey(String username) {
        return cut(username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    private static String cut(String key) {
        return key.length() > KEY_LENGTH ? key.substring(0, KEY_LENGTH) : key;
    }

    /**
     * The state after one more failure at {@code now}: counted in the current window (a new one when it has
     * passed); reaching {@code maxFailures} starts a lockout, each one in a row twice as long as the last.
     */
    static State afterFailure(State s, Instant now, int maxFailures, LoginThrottleSettings settings) {
        boolean windowOver = !now.isBefore(s.windowStartedAt().plus(settings.window()));
        boolean quietSinceLockout =
                s.lockedUntil() == null || !now.isBefore(s.lockedUntil().plus(settings.window()));
        int lockouts = quietSinceLockout ? 0 : s.lockouts();
        int failures = (windowOver ? 0 : s.failures()) + 1;
        if (failures >= maxFailures) {
            Duration length = settings.lockoutNumber(lockouts + 1);
            return new State(0, now, now, lockouts + 1, now.plus(length));
        }
        return new State(failures, windowOver ? now : s.windowStartedAt(), now, lockouts, s.lockedUntil());
    }

    private void count(Kind kind, String key, int maxFailures, Check check, String username) {
        jdbc.sql("insert into login_throttle (kind, key, failures, window_started_at, last_failure_at) "
                        + "values (?, ?, 0, now(), now()) on conflict do nothing")
                .param(kind.name())
                .param(key)
                .update();
        Locked locked = jdbc.sql("select failures, window_started_at, last_failure_at, lockouts, locked_until, now() "
                        + "from login_throttle where kind = ? and key = ? for update")
                .param(kind.name())
                .param(key)
                .query((rs, i) -> new Locked(
                        new State(
                                rs.getInt(1),
                                Timestamps.instant(rs.getTimestamp(2)),
                                Timestamps.instant(rs.getTimestamp(3)),
                                rs.getInt(4),
                                Timestamps.instant(rs.getTimestamp(5))),
                        Timestamps.instant(rs.getTimestamp(6))))
                .single();
        State next = afterFailure(locked.state(), locked.now(), maxFailures, settings);
        boolean lockoutBegins = next.lockedUntil() != null
                && !next.lockedUntil().equals(locked.state().lockedUntil());
        jdbc.sql("update login_throttle set failures = ?, window_started_at = ?, last_failure_at = ?, lockouts = ?, "
                        + "locked_until = ?, refusal_audited = refusal_audited and not ? where kind = ? and key = ?")
                .param(next.failures())
                .param(Timestamp.from(next.windowStartedAt()))
                .param(Timestamp.from(next.lastFailureAt()))
                .param(next.lockouts())
                .param(next.lockedUntil() == null ? null : Timestamp.from(next.lockedUntil()))
                .param(lockoutBegins)
                .param(kind.name())
                .param(key)
                .update();
        if (lockoutBegins) {
            audit.recordFrom(
                    username,
                    check.address(),
                    THROTTLED,
                    subject(kind, key),
                    SecurityAudit.Outcome.REFUSED,
                    "locked until " + next.lockedUntil() + " after " + maxFailures + " failures (lockout "
                            + next.lockouts() + " in a row)");
        }
    }

    /** Marks the lockout's refusal as audited; true for the one caller (of all nodes) that did. */
    private boolean firstRefusal(Row row) {
        return jdbc.sql("update login_throttle set refusal_audited = true where kind = ? and key = ? "
                                + "and not refusal_audited")
                        .param(row.kind().name())
                        .param(row.key())
                        .update()
                == 1;
    }

    /** The audit subject of a key, e.g. {@code account clerk.a} or {@code address 10.0.0.7}. */
    private static String subject(Kind kind, String key) {
        return kind.name().toLowerCase(Locale.ROOT) + " " + key;
    }

    private record Row(Kind kind, String key, boolean locked, long seconds, boolean refusalAudited) {}

    private record Locked(State state, Instant now) {}
}
