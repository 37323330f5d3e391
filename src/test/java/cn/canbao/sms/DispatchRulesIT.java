package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.sms.dispatch.SmsDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Quiet hours, the per-person cap and the identical-text cap, with a fixed clock: deferred, never dropped. */
@CanbaoIntegrationTest
class DispatchRulesIT extends SmsTestBase {

    @Autowired
    SmsService sms;

    final MutableClock clock = new MutableClock(LocalDateTime.of(2026, 11, 2, 21, 30));
    SmsDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        dispatcher = support.dispatcher(support.localGateway(), SmsTestSupport.settings(50, null), clock, "node-a");
    }

    @Test
    void nothingGoesOutInQuietHoursAndEverythingWaitsForTheMorning() {
        String id = support.person(3001, "13800003001", grid);
        long message = outbox.enqueue(
                        SmsTestSupport.reminder(id, "13800003001", grid, SmsTemplates.REMINDER_FIRST, "quiet-1"))
                .orElseThrow();

        SmsDispatcher.Round evening = dispatcher.dispatch();
        assertThat(evening.quiet()).isTrue();
        assertThat(evening.sent()).isZero();
        clock.set(LocalDateTime.of(2026, 11, 3, 3, 0));
        assertThat(dispatcher.dispatch().quiet()).isTrue();
        clock.set(LocalDateTime.of(2026, 11, 3, 7, 59, 59));
        assertThat(dispatcher.dispatch().sent()).isZero();
        assertThat(support.status(message)).isEqualTo("QUEUED");
        assertThat(localSent()).isZero();

        clock.set(LocalDateTime.of(2026, 11, 3, 8, 0));
        SmsDispatcher.Round morning = dispatcher.dispatch();
        assertThat(morning.quiet()).isFalse();
        assertThat(morning.sent()).isEqualTo(1);
        assertThat(support.status(message)).isEqualTo("SENT");
        assertThat(localSent()).isEqualTo(1);
    }

    @Test
    void aSecondReminderToTheSamePersonWaitsOutTheInterval() {
        clock.set(LocalDateTime.of(2026, 11, 2, 10, 0));
        Instant start = clock.instant();
        String id = support.person(3002, "13800003002", grid);
        long first = outbox.enqueue(
                        SmsTestSupport.reminder(id, "13800003002", grid, SmsTemplates.REMINDER_FIRST, "cap-1"))
                .orElseThrow();
        long second = outbox.enqueue(
                        SmsTestSupport.reminder(id, "13800003002", grid, SmsTemplates.REMINDER_SECOND, "cap-2"))
                .orElseThrow();

        assertThat(dispatcher.dispatch().sent()).isEqualTo(1);
        assertThat(support.status(first)).isEqualTo("SENT");
        assertThat(support.status(second)).isEqualTo("QUEUED");
        clock.advance(Duration.ofMinutes(2));
        assertThat(dispatcher.dispatch().sent()).isZero();
        assertThat(nextAttempt(second)).isEqualTo(start.plus(Duration.ofDays(3)));
        assertThat(deferReason(second)).isEqualTo("PERSON_CAP");

        clock.set(LocalDateTime.of(2026, 11, 5, 9, 59));
        assertThat(dispatcher.dispatch().sent()).isZero();
        clock.set(LocalDateTime.of(2026, 11, 5, 10, 0));
        assertThat(dispatcher.dispatch().sent()).isEqualTo(1);
        assertThat(support.status(second)).isEqualTo("SENT");
    }

    @Test
    void neverThreeIdenticalTextsToOneNumberInADay() {
        clock.set(LocalDateTime.of(2026, 11, 2, 10, 0));
        Instant start = clock.instant();
        // a household sharing one phone: three persons, the same text
        String phone = "13800003003";
        List<Long> ids = List.of(1, 2, 3).stream()
                .map(i -> outbox.enqueue(SmsTestSupport.reminder(
                                support.person(3010 + i, phone, grid),
                                phone,
                                grid,
                                SmsTemplates.REMINDER_FIRST,
                                "same-" + i))
                        .orElseThrow())
                .toList();

        assertThat(dispatcher.dispatch().sent()).isEqualTo(2);
        assertThat(support.status(ids.get(2))).isEqualTo("QUEUED");
        clock.advance(Duration.ofMinutes(5));
        dispatcher.dispatch();
        assertThat(deferReason(ids.get(2))).isEqualTo("IDENTICAL_CAP");
        assertThat(nextAttempt(ids.get(2))).isEqualTo(start.plus(Duration.ofHours(24)));

        clock.set(LocalDateTime.of(2026, 11, 3, 10, 0, 1));
        assertThat(dispatcher.dispatch().sent()).isEqualTo(1);
        assertThat(support.status(ids.get(2))).isEqualTo("SENT");
        assertThat(localSent()).isEqualTo(3);
    }

    @Test
    void optedOutResidentsAreSkippedAtEnqueueAndInTheQueue() {
        clock.set(LocalDateTime.of(2026, 11, 2, 10, 0));
        String queuedFirst = support.person(3020, "13800003020", grid);
        long waiting = outbox.enqueue(
                        SmsTestSupport.reminder(queuedFirst, "13800003020", grid, SmsTemplates.REMINDER_FIRST, "opt-1"))
                .orElseThrow();
        // opted out after enqueueing, directly in the register (as an import or another node might)
        support.jdbc.update("update person set sms_opt_out = true where id_number = ?", queuedFirst);
        String optedOut = support.person(3021, "13800003021", grid);
        support.jdbc.update("update person set sms_opt_out = true where id_number = ?", optedOut);
        Optional<Long> refused = outbox.enqueue(
                SmsTestSupport.reminder(optedOut, "13800003021", grid, SmsTemplates.REMINDER_FIRST, "opt-2"));
        Optional<Long> noMobile = outbox.enqueue(SmsTestSupport.reminder(
                support.person(3022, null, grid), "12345", grid, SmsTemplates.REMINDER_FIRST, "opt-3"));

        assertThat(refused).isEmpty();
        assertThat(noMobile).isEmpty();
        assertThat(outbox.enqueue(SmsTestSupport.reminder(
                        queuedFirst, "13800003020", grid, SmsTemplates.REMINDER_FIRST, "opt-1")))
                .as("the same dedup key twice")
                .isEmpty();
        dispatcher.dispatch();
        assertThat(localSent()).isZero();
        Map<String, String> reasons = Map.copyOf(support.jdbc.query(
                "select dedup_key, status || ':' || skip_reason s " + "from sms_message", rs -> {
                    Map<String, String> m = new java.util.HashMap<>();
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getString(2));
                    }
                    return m;
                }));
        assertThat(reasons)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "opt-1", "SKIPPED:OPTED_OUT", "opt-2", "SKIPPED:OPTED_OUT", "opt-3", "SKIPPED:NO_MOBILE"));
        assertThat(support.status(waiting)).isEqualTo("SKIPPED");

        Map<String, LatestSms> latest = sms.latest(List.of(queuedFirst, optedOut, SmsTestSupport.id(9999)));
        assertThat(latest).containsOnlyKeys(queuedFirst, optedOut);
        assertThat(latest.get(optedOut).skipReason()).isEqualTo(SkipReason.OPTED_OUT);
    }

    private int localSent() {
        return support.jdbc.queryForObject("select count(*) from sms_local_gateway", Integer.class);
    }

    private Instant nextAttempt(long id) {
        return support.jdbc
                .queryForObject("select next_attempt_at from sms_message where id = ?", OffsetDateTime.class, id)
                .toInstant();
    }

    private String deferReason(long id) {
        return support.jdbc.queryForObject("select defer_reason from sms_message where id = ?", String.class, id);
    }
}
