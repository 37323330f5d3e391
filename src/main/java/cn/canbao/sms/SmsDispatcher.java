package cn.canbao.sms;

import cn.canbao.register.RegisterHistories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends from the outbox. One node at a time (a PostgreSQL advisory lock held on its own connection for a
 * round; a node that dies loses it with its connection), rows claimed with FOR UPDATE SKIP LOCKED, within
 * the rate limit, never in quiet hours, with the caps of {@link OutboxStore#claim}. A message is committed
 * SENDING before the provider is called; one left SENDING (a crash between the provider's accept and our
 * commit, a network fault, a 5xx) is first looked up at the provider and sent again only if it is not there.
 */
public class SmsDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);
    /** The advisory lock key of the dispatcher ("SMS" in ASCII). */
    static final long LOCK_KEY = 0x534D53L;
    /** A round hands the lock on after this long, so reconciliation and other nodes get their turn. */
    private static final Duration MAX_ROUND = Duration.ofSeconds(30);

    /** What a round did. */
    public record Round(boolean ran, boolean quiet, int sent, int retried, int unknown, int failed, int reconciled,
                        int resent) {
        static final Round BUSY = new Round(false, false, 0, 0, 0, 0, 0, 0);
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final SmsGateway gateway;
    private final SmsSettings settings;
    private final Clock clock;
    private final OutboxStore store;
    private final RateLimiter limiter;
    private final String node;
    private volatile boolean stopping;
    /** Whether this round called the provider: only then does a node taking over need to wait out the second. */
    private volatile boolean calledProvider;

    SmsDispatcher(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions, SmsGateway gateway,
                  SmsSettings settings, Clock clock, String node, RegisterHistories register) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.store = new OutboxStore(jdbc, settings, register);
        this.limiter = new RateLimiter(settings.ratePerSecond());
        this.node = node;
    }

    SmsGateway gateway() {
        return gateway;
    }

    void stop() {
        stopping = true;
    }

    /** One round: reconcile what was left SENDING, then send batches until the outbox has nothing due. */
    public Round dispatch() {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisory(lock, "select pg_try_advisory_lock(?)")) {
                return Round.BUSY;
            }
            try {
                waitOutHandOver();
                return run();
            } finally {
                if (calledProvider) {
                    jdbc.update("update sms_dispatch_state set node = ?, round_ended = clock_timestamp() where id = 1", node);
                    calledProvider = false;
                }
                advisory(lock, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SMS dispatcher could not use its lock connection", e);
        }
    }

    private Round run() {
        Counts counts = new Counts();
        reconcile(counts);
        if (settings.quiet(clock.instant())) {
            return counts.round(true);
        }
        ExecutorService senders = Executors.newFixedThreadPool(Math.max(1, settings.dispatcher().senders()), r -> {
            Thread t = new Thread(r, "sms-sender-" + node);
            t.setDaemon(true);
            return t;
        });
        try {
            long started = System.nanoTime();
            while (!stopping && System.nanoTime() - started < MAX_ROUND.toNanos()) {
                Instant now = clock.instant();
                List<OutboxStore.Claimed> batch = tx.execute(s -> store.claim(now, Math.max(1, settings.batchSize())));
                if (batch == null || batch.isEmpty()) {
                    break;
                }
                if (!sendAll(batch, now, counts, senders)) {
                    return counts.round(settings.quiet(clock.instant()));
                }
            }
            return counts.round(false);
        } finally {
            senders.shutdown();
        }
    }

    /**
     * Sends a claimed batch through the senders, each send started only when the rate limit allows; waits for
     * all of them. False when it stopped early (quiet hours began, stopping, interrupted): the rest is released.
     */
    private boolean sendAll(List<OutboxStore.Claimed> batch, Instant attemptAt, Counts counts, ExecutorService senders) {
        List<Future<?>> inFlight = new ArrayList<>(batch.size());
        boolean complete = true;
        for (int i = 0; i < batch.size(); i++) {
            if (stopping || settings.quiet(clock.instant()) || !limiter.acquire()) {
                store.release(batch.subList(i, batch.size()));
                complete = false;
                break;
            }
            OutboxStore.Claimed m = batch.get(i);
            calledProvider = true;
            inFlight.add(senders.submit(() -> send(m, attemptAt, counts)));
        }
        Error dying = null;
        for (Future<?> f : inFlight) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                complete = false;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    dying = error; // the VM is going down (or a test says so): let the other sends settle, then go
                } else {
                    // send() records every outcome itself; what escapes is a failure to record it: the message
                    // stays SENDING and is reconciled with the provider in a later round
                    log.error("SMS send could not record its outcome", e.getCause());
                }
            }
        }
        if (dying != null) {
            throw dying;
        }
        return complete;
    }

    private void send(OutboxStore.Claimed m, Instant attemptAt, Counts counts) {
        SmsGateway.Outcome outcome;
        try {
            outcome = gateway.send(outgoing(m, attemptAt));
        } catch (RuntimeException e) {
            log.warn("SMS {} via {}: outcome unknown", m.id(), gateway.name(), e);
            outcome = new SmsGateway.Unknown(null, e.toString());
        } finally {
            limiter.completed();
        }
        Instant now = clock.instant();
        if (outcome instanceof SmsGateway.Accepted a) {
            store.accepted(m.id(), a, now);
            counts.add(c -> c.sent++);
        } else if (outcome instanceof SmsGateway.Retry r) {
            store.retryLater(m, r.code(), r.message(), now, r.notBefore());
            counts.add(c -> c.retried++);
        } else if (outcome instanceof SmsGateway.Unknown u) {
            store.unknown(m, u.code(), u.message(), now);
            counts.add(c -> c.unknown++);
        } else if (outcome instanceof SmsGateway.Rejected r) {
            store.failed(m.id(), r.code(), r.message(), now);
            counts.add(c -> c.failed++);
        }
    }

    /** Messages left SENDING: taken by the provider → recorded as such; not there → queued to send again. */
    private void reconcile(Counts counts) {
        while (!stopping) {
            Instant now = clock.instant();
            List<OutboxStore.Claimed> open = store.unresolved(now, Math.max(1, settings.batchSize()));
            if (open.isEmpty()) {
                return;
            }
            for (OutboxStore.Claimed m : open) {
                try {
                    var found = gateway.find(outgoing(m, store.lastAttempt(m.id())));
                    if (found.isPresent()) {
                        store.accepted(m.id(), found.get(), now);
                        counts.reconciled++;
                    } else {
                        store.notTaken(m, now);
                        counts.resent++;
                    }
                } catch (RuntimeException e) {
                    log.warn("SMS {}: lookup at {} failed, trying later", m.id(), gateway.name(), e);
                    store.unknown(m, null, "lookup failed: " + e, now);
                }
            }
        }
    }

    private static SmsGateway.Outgoing outgoing(OutboxStore.Claimed m, Instant attemptAt) {
        return new SmsGateway.Outgoing(m.id(), "canbao-sms-" + m.id(), "+86" + m.mobile(), m.body(), attemptAt,
                m.providerTemplate(), m.templateParams());
    }

    /** Another node ended a round less than a second ago: wait out that second, so its sends count. */
    private void waitOutHandOver() {
        Long waitMillis = jdbc.queryForObject("select case when node is distinct from ? and round_ended is not null "
                + "then greatest(0, 1000 - extract(epoch from clock_timestamp() - round_ended) * 1000)::bigint else 0 end "
                + "from sms_dispatch_state where id = 1", Long.class, node);
        if (waitMillis != null && waitMillis > 0) {
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean advisory(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static final class Counts {
        // senders update it in parallel
        synchronized void add(java.util.function.Consumer<Counts> change) {
            change.accept(this);
        }

        int sent;
        int retried;
        int unknown;
        int failed;
        int reconciled;
        int resent;

        synchronized Round round(boolean quiet) {
            return new Round(true, quiet, sent, retried, unknown, failed, reconciled, resent);
        }
    }
}
