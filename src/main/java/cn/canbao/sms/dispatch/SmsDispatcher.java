package cn.canbao.sms.dispatch;

import cn.canbao.register.RegisterHistories;
import cn.canbao.sms.SmsSettings;
import cn.canbao.sms.gateway.SmsGateway;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    public static final long LOCK_KEY = 0x534D53L;
    /** A round hands the lock on after this long, so reconciliation and other nodes get their turn. */
    private static final Duration MAX_ROUND = Duration.ofSeconds(30);

    /** What a round did. */
    /** {@code paused}: the dispatcher is paused for an operator (the provider refused our account), before or in this round. */
    public record Round(
            boolean ran,
            boolean quiet,
            int sent,
            int retried,
            int unknown,
            int failed,
            int reconciled,
            int resent,
            int unresolved,
            boolean paused) {
        static final Round BUSY = new Round(false, false, 0, 0, 0, 0, 0, 0, 0, false);
        public static final Round PAUSED = new Round(true, false, 0, 0, 0, 0, 0, 0, 0, true);
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
    private final MeterRegistry meters;
    private final java.util.concurrent.atomic.AtomicInteger pausedGauge =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;
    /** The provider refused our account in this round: the senders stop, the rest stays queued. */
    private volatile boolean halted;

    public SmsDispatcher(
            JdbcTemplate jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            SmsGateway gateway,
            SmsSettings settings,
            Clock clock,
            String node,
            RegisterHistories register,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.store = new OutboxStore(jdbc, settings, register, tx);
        this.limiter =
                new RateLimiter(settings.ratePerSecond(), settings.dispatcher().arrivalSpread());
        this.node = node;
        this.meters = meters;
        Gauge.builder("canbao.sms.dispatcher.paused", pausedGauge, java.util.concurrent.atomic.AtomicInteger::get)
                .description("1 while the SMS dispatcher is paused for an operator (the provider refused our account)")
                .register(meters);
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
                if (paused()) {
                    return Round.PAUSED;
                }
                waitOutHandOver();
                // "this node's round is under way": a node that dies in it leaves no end, and the next one waits
                jdbc.update("update sms_dispatch_state set node = ?, round_ended = null where id = 1", node);
                halted = false;
                return run();
            } finally {
                jdbc.update(
                        "update sms_dispatch_state set round_ended = clock_timestamp() where id = 1 and node = ?",
                        node);
                advisory(lock, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SMS dispatcher could not use its lock connection", e);
        }
    }

    private Round run() {
        Counts counts = new Counts();
        store.forgetEarlyStatuses(clock.instant());
        // lookups of unknown outcomes run beside the sends, on their own thread: a provider slow to answer them
        // must not hold up the round's sending
        ExecutorService lookups = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sms-lookups-" + node);
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> reconciling = lookups.submit(() -> reconcile(counts));
            boolean quiet = settings.quiet(ZonedDateTime.now(clock));
            Round sent = quiet ? null : send(counts, reconciling);
            try {
                reconciling.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                log.warn("SMS lookups of unknown outcomes stopped; trying again next round", e.getCause());
            }
            return sent == null ? counts.round(true, halted) : counts.round(sent.quiet(), halted);
        } finally {
            lookups.shutdown();
        }
    }

    /** Sends batches until the outbox has nothing due; what the lookups put back in the queue goes out too. */
    private Round send(Counts counts, Future<?> reconciling) {
        int senderCount = settings.dispatcher().sendersFor(settings.ratePerSecond());
        ExecutorService senders = Executors.newFixedThreadPool(senderCount, r -> {
            Thread t = new Thread(r, "sms-sender-" + node);
            t.setDaemon(true);
            return t;
        });
        Semaphore idle = new Semaphore(senderCount);
        List<Future<Boolean>> inFlight = new ArrayList<>();
        boolean complete = true;
        try {
            long started = System.nanoTime();
            // batches are claimed while the last one's sends are still under way: a provider answering in
            // 300 ms must not leave the rate unused at every batch's end
            while (complete && !stopping && !halted && System.nanoTime() - started < MAX_ROUND.toNanos()) {
                Instant now = clock.instant();
                List<OutboxStore.Claimed> batch = tx.execute(s -> store.claim(now, Math.max(1, settings.batchSize())));
                if (batch == null || batch.isEmpty()) {
                    if (reconciling.isDone()) {
                        break;
                    }
                    awaitLookups(reconciling); // they may queue a message again: it is sent in this round
                    continue;
                }
                complete = hand(batch, now, counts, senders, idle, inFlight);
            }
            complete &= settle(inFlight);
            return counts.round(!complete && settings.quiet(ZonedDateTime.now(clock)), halted);
        } finally {
            senders.shutdown();
        }
    }

    /**
     * Hands a claimed batch to the senders, each as soon as one is free; a sender waits for the rate limit itself,
     * right before it calls the provider, so the place it takes starts when the request does. False when it stopped
     * early (quiet hours began, stopping, interrupted): what was not handed over is released.
     */
    private boolean hand(
            List<OutboxStore.Claimed> batch,
            Instant attemptAt,
            Counts counts,
            ExecutorService senders,
            Semaphore idle,
            List<Future<Boolean>> inFlight) {
        for (int i = 0; i < batch.size(); i++) {
            boolean free;
            try {
                free = !stopping
                        && !halted
                        && !settings.quiet(ZonedDateTime.now(clock))
                        && idle.tryAcquire(MAX_ROUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                free = false;
            }
            if (!free || stopping || halted || settings.quiet(ZonedDateTime.now(clock))) {
                if (free) {
                    idle.release();
                }
                store.release(batch.subList(i, batch.size()));
                return false;
            }
            OutboxStore.Claimed m = batch.get(i);
            inFlight.add(senders.submit(() -> {
                try {
                    return sendWithinRate(m, attemptAt, counts);
                } finally {
                    idle.release();
                }
            }));
        }
        return true;
    }

    private static void awaitLookups(Future<?> reconciling) {
        try {
            reconciling.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported when the round collects it
        }
    }

    /** Waits for every send of the round; false if one of them stopped short (quiet hours, stopping). */
    private boolean settle(List<Future<Boolean>> inFlight) {
        boolean complete = true;
        Error dying = null;
        for (Future<Boolean> f : inFlight) {
            try {
                complete &= f.get();
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

    /** Takes a place within the rate, then sends; false (and the message released) if it may not send any more. */
    private boolean sendWithinRate(OutboxStore.Claimed m, Instant attemptAt, Counts counts) {
        RateLimiter.Place place = stopping || halted ? null : limiter.acquire();
        if (place == null || stopping || halted || settings.quiet(ZonedDateTime.now(clock))) {
            if (place != null) {
                limiter.unused(place);
            }
            store.release(List.of(m));
            return false;
        }
        send(m, attemptAt, counts, place);
        return true;
    }

    private void send(OutboxStore.Claimed m, Instant attemptAt, Counts counts, RateLimiter.Place place) {
        SmsGateway.Outcome outcome;
        try {
            outcome = gateway.send(outgoing(m, attemptAt), () -> limiter.onWire(place));
        } catch (RuntimeException e) {
            log.warn("SMS {} via {}: outcome unknown", m.id(), gateway.name(), e);
            outcome = new SmsGateway.Unknown(null, e.toString());
        } finally {
            limiter.completed(place);
        }
        Instant now = clock.instant();
        if (outcome instanceof SmsGateway.Accepted a) {
            store.accepted(m.id(), a, now);
            counts.add(c -> c.sent++);
        } else if (outcome instanceof SmsGateway.Retry r) {
            fault("retry", r.code(), m, r.message());
            store.retryLater(m, r.code(), r.message(), now, r.notBefore());
            counts.add(c -> c.retried++);
        } else if (outcome instanceof SmsGateway.Unknown u) {
            fault("unknown", u.code(), m, u.message());
            store.unknown(m, u.code(), u.message(), now);
            counts.add(c -> c.unknown++);
        } else if (outcome instanceof SmsGateway.Rejected r) {
            fault("rejected", r.code(), m, r.message());
            store.failed(m.id(), r.code(), r.message(), now);
            counts.add(c -> c.failed++);
        } else if (outcome instanceof SmsGateway.Halt h) {
            fault("halt", h.code(), m, h.message());
            halted = true;
            store.halted(m, h.code(), h.message());
            if (store.pause(h.code(), h.message())) {
                log.error(
                        "SMS dispatcher PAUSED: {} refused our account ({} {}). Messages stay queued; an operator "
                                + "resumes sending on the SMS page once the account is fixed.",
                        gateway.name(),
                        h.code(),
                        h.message());
            }
            pausedGauge.set(1);
        }
    }

    /** Every provider fault is logged and counted ({@code canbao.sms.provider.faults}, by gateway, outcome and code). */
    private void fault(String outcome, Integer code, OutboxStore.Claimed m, String message) {
        log.warn("SMS {} via {}: {} (code {}): {}", m.id(), gateway.name(), outcome, code, message);
        meters.counter(
                        "canbao.sms.provider.faults",
                        "gateway",
                        gateway.name(),
                        "outcome",
                        outcome,
                        "code",
                        code == null ? "none" : code.toString())
                .increment();
    }

    private boolean paused() {
        Boolean paused =
                jdbc.queryForObject("select paused_at is not null from sms_dispatch_state where id = 1", Boolean.class);
        pausedGauge.set(Boolean.TRUE.equals(paused) ? 1 : 0);
        return Boolean.TRUE.equals(paused);
    }

    /**
     * Messages left SENDING (a crash, an unknown outcome), each looked up at the provider: taken → recorded as such;
     * not there → queued to send again. Every lookup counts; a message whose lookups keep failing goes to the
     * operator's queue (UNRESOLVED) after {@code canbao.sms.max-lookups} of them, instead of staying SENDING for ever.
     */
    private void reconcile(Counts counts) {
        while (!stopping && !halted) {
            Instant now = clock.instant();
            List<OutboxStore.Claimed> open = store.unresolved(now, Math.max(1, settings.batchSize()));
            if (open.isEmpty()) {
                return;
            }
            for (OutboxStore.Claimed m : open) {
                if (stopping || halted) {
                    return;
                }
                int lookups = store.countLookup(m.id());
                try {
                    var found = gateway.find(outgoing(m, store.lastAttempt(m.id())));
                    if (found.isPresent()) {
                        store.accepted(m.id(), found.get(), now);
                        counts.add(c -> c.reconciled++);
                    } else {
                        store.notTaken(m, now);
                        counts.add(c -> c.resent++);
                    }
                } catch (RuntimeException e) {
                    fault("lookup", null, m, "lookup failed (" + lookups + " of " + settings.maxLookups() + "): " + e);
                    if (lookups >= settings.maxLookups()) {
                        store.toOperator(m, "lookups failed " + lookups + " times: " + e, now);
                        counts.add(c -> c.unresolved++);
                        log.error(
                                "SMS {}: outcome still unknown after {} lookups at {}; left to an operator",
                                m.id(),
                                lookups,
                                gateway.name());
                    } else {
                        store.unknown(m, null, "lookup failed: " + e, now);
                    }
                }
            }
        }
    }

    private static SmsGateway.Outgoing outgoing(OutboxStore.Claimed m, Instant attemptAt) {
        return new SmsGateway.Outgoing(
                m.id(),
                "canbao-sms-" + m.id(),
                "+86" + m.mobile(),
                m.body(),
                attemptAt,
                m.providerTemplate(),
                m.templateParams());
    }

    /**
     * Another node ended a round less than a second ago, or died in one (no end recorded): wait out that second, so
     * its sends count.
     */
    private void waitOutHandOver() {
        Long waitMillis = jdbc.queryForObject(
                "select case when node is null or node = ? then 0 "
                        + "when round_ended is null then 1000 "
                        + "else greatest(0, 1000 - extract(epoch from clock_timestamp() - round_ended) * 1000)::bigint end "
                        + "from sms_dispatch_state where id = 1",
                Long.class,
                node);
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
        int unresolved;

        synchronized Round round(boolean quiet, boolean paused) {
            return new Round(true, quiet, sent, retried, unknown, failed, reconciled, resent, unresolved, paused);
        }
    }
}
