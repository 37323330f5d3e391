package cn.canbao.notify.jobs;

import cn.canbao.notify.NotifySettings;
import cn.canbao.notify.channel.StaffChannel;
import cn.canbao.notify.persistence.NoticeStore;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends from the staff outbox. A round claims due rows (FOR UPDATE SKIP LOCKED, so two nodes never take the same row),
 * skips the opted out, defers those in their user's quiet hours, and commits the rest SENDING before any is posted;
 * then posts each and records the channel's reply. A refused post goes back to the queue after a backoff (doubling,
 * up to the maximum), FAILED after the last attempt; a post whose outcome is unknown, and a row left SENDING by a
 * crash, become UNRESOLVED and are never posted again: a notice reaches a chat at most once.
 */
public class NoticeDelivery {

    private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);

    /** What a round did. */
    public record Round(int claimed, int sent, int retried, int failed, int unresolved, int skipped, int deferred) {

        public int worked() {
            return sent + retried + failed + unresolved + skipped;
        }
    }

    private final NoticeStore store;
    private final Map<String, StaffChannel> channels;
    private final NotifySettings settings;
    private final UserService users;
    private final TransactionOperations tx;
    private final Clock clock;

    public NoticeDelivery(
            NoticeStore store,
            List<StaffChannel> channels,
            NotifySettings settings,
            UserService users,
            TransactionOperations tx,
            Clock clock) {
        this.store = store;
        this.channels = channels.stream().collect(Collectors.toMap(StaffChannel::name, Function.identity()));
        this.settings = settings;
        this.users = users;
        this.tx = tx;
        this.clock = clock;
    }

    /** The rows committed SENDING, with each one's channel and attempt number. */
    private record Claim(
            List<StaffChannel.Outgoing> sending,
            Map<Long, String> channels,
            Map<Long, Integer> attempts,
            int skipped,
            int deferred) {}

    /** One round, as the system. */
    public Round deliver() {
        return SystemAccess.call(this::round);
    }

    private Round round() {
        Instant now = clock.instant();
        int unresolved = tx.execute(s -> store.giveUpStale(now.minus(settings.unresolvedAfter())));
        Claim claim = tx.execute(s -> claim(now));
        int sent = 0;
        int retried = 0;
        int failed = 0;
        for (StaffChannel.Outgoing o : claim.sending()) {
            StaffChannel channel = channels.get(claim.channels().get(o.id()));
            int attempt = claim.attempts().get(o.id());
            StaffChannel.Delivery d = channel.transactional()
                    ? tx.execute(s -> record(o, channel.send(o), attempt))
                    : record(o, send(channel, o), attempt);
            switch (d.outcome()) {
                case SENT -> sent++;
                case REFUSED -> {
                    if (attempt >= settings.maxAttempts()) {
                        failed++;
                    } else {
                        retried++;
                    }
                }
                case UNKNOWN -> unresolved++;
                case FAILED -> failed++;
            }
        }
        return new Round(claim.sending().size(), sent, retried, failed, unresolved, claim.skipped(), claim.deferred());
    }

    private static StaffChannel.Delivery send(StaffChannel channel, StaffChannel.Outgoing o) {
        try {
            return channel.send(o);
        } catch (RuntimeException e) {
            log.warn("staff notice {} on {}: the channel failed", o.id(), channel.name(), e);
            return StaffChannel.Delivery.unknown(
                    "channel error: " + e.getClass().getSimpleName());
        }
    }

    private StaffChannel.Delivery record(StaffChannel.Outgoing o, StaffChannel.Delivery d, int attempt) {
        Instant now = clock.instant();
        switch (d.outcome()) {
            case SENT -> store.sent(o.id(), d.reply(), now);
            case REFUSED -> {
                if (attempt >= settings.maxAttempts()) {
                    store.end(o.id(), "FAILED", "retries exhausted: " + d.reply());
                } else {
                    store.retry(o.id(), d.reply(), now.plus(settings.backoffFor(attempt)));
                }
            }
            case UNKNOWN -> store.end(o.id(), "UNRESOLVED", d.reply());
            case FAILED -> store.end(o.id(), "FAILED", d.reply());
        }
        return d;
    }

    private Claim claim(Instant now) {
        List<NoticeStore.Claimable> due = store.due(now, Math.max(1, settings.batchSize()));
        Map<String, UserService.StaffContact> contacts =
                users
                        .contacts(due.stream()
                                .map(NoticeStore.Claimable::username)
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(UserService.StaffContact::username, Function.identity()));
        ZonedDateTime local = now.atZone(clock.getZone());
        List<StaffChannel.Outgoing> sending = new ArrayList<>();
        Map<Long, Integer> attempts = new java.util.HashMap<>();
        Map<Long, String> channelById = new java.util.HashMap<>();
        Map<String, Integer> robotPosts = new java.util.HashMap<>();
        int skipped = 0;
        int deferred = 0;
        for (NoticeStore.Claimable c : due) {
            UserService.StaffContact contact = contacts.get(c.username());
            LocalTime start = c.quietStart() == null ? settings.quietStart() : c.quietStart();
            LocalTime end = c.quietEnd() == null ? settings.quietEnd() : c.quietEnd();
            if (contact == null || !contact.enabled()) {
                store.skip(c.id(), "DISABLED", now);
                skipped++;
            } else if (c.optedOut()) {
                store.skip(c.id(), "OPTED_OUT", now);
                skipped++;
            } else if (!start.equals(end) && NotifySettings.within(local.toLocalTime(), start, end)) {
                store.defer(c.id(), quietEnd(local, end).toInstant());
                deferred++;
            } else if (!channels.containsKey(c.channel())) {
                store.skip(c.id(), "NO_CHANNEL", now);
                skipped++;
            } else if (c.robot() != null
                    && robotPosts.computeIfAbsent(c.robot(), r -> store.postsTo(r, now.minusSeconds(60)))
                            >= settings.robotPerMinute()) {
                // the robot's minute is full (it would refuse): wait for the next one, no attempt counted
                store.defer(c.id(), now.plusSeconds(60));
                deferred++;
            } else if (store.sending(c.id(), now)) {
                if (c.robot() != null) {
                    robotPosts.merge(c.robot(), 1, Integer::sum);
                }
                channelById.put(c.id(), c.channel());
                attempts.put(c.id(), c.attempts() + 1);
                sending.add(new StaffChannel.Outgoing(
                        c.id(), c.username(), contact.phone(), c.kind(), c.robot(), c.body()));
            }
        }
        return new Claim(sending, channelById, attempts, skipped, deferred);
    }

    /** The next time the quiet window ends after this moment. */
    static ZonedDateTime quietEnd(ZonedDateTime at, LocalTime end) {
        ZonedDateTime today = at.with(end).withSecond(0).withNano(0);
        return today.isAfter(at) ? today : today.plusDays(1);
    }
}
