package cn.canbao.sms;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.PROVINCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.DomainException;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.sms.dispatch.OutboxStore;
import cn.canbao.sms.dispatch.SmsDispatcher;
import cn.canbao.sms.gateway.TwilioGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Twilio's refusals do, through the real SDK against the local stub, on two nodes' dispatchers sharing the
 * database: our account refused → every node pauses, nothing is lost or counted, an operator resumes; 429 waits
 * for Retry-After; queue overflow retries; only the recipient's faults fail a message; lookups that keep failing are
 * counted and end in the operator's queue; a lookup reads past the number's first page. Every fault is counted.
 */
@CanbaoIntegrationTest
class ProviderFaultsIT extends TwilioStubTestBase {

    @Autowired
    SmsOperations operations;

    @Autowired
    cn.canbao.register.RegisterHistories histories;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private SmsDispatcher node(String name, SmsSettings settings) {
        return support.dispatcher(
                new TwilioGateway(SmsTestSupport.twilio(stub.baseUrl(), SERVICE, null), 16, clock),
                settings,
                clock,
                name,
                meters);
    }

    private Map<String, Object> row(long id) {
        return support.jdbc.queryForMap(
                "select status, attempts, lookups, error_code, error_message, next_attempt_at, "
                        + "defer_reason from sms_message where id = ?",
                id);
    }

    private double faults(String outcome, String code) {
        var counter = meters.find("canbao.sms.provider.faults")
                .tags("outcome", outcome, "code", code)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRefusedAccountPausesEveryNodeKeepsTheMessagesAndAnOperatorAtTheTopResumes() {
        long first = enqueue(1, "13900000101");
        long second = enqueue(2, "13900000102");
        SmsDispatcher a = node("node-a", SmsTestSupport.settings(10, null));
        SmsDispatcher b = node("node-b", SmsTestSupport.settings(10, null));
        stub.refuseAll(new TwilioStub.Refusal(401, 20003, null)); // a wrong auth token

        SmsDispatcher.Round round = a.dispatch();
        assertThat(round.paused()).isTrue();
        assertThat(round.sent()).isZero();
        // the first refusal stops the round: at most the sends already under way beside it reach Twilio
        int refused = stub.creates().size();
        assertThat(refused).isBetween(1, 2);
        for (long id : List.of(first, second)) {
            assertThat(row(id)).containsEntry("status", "QUEUED").containsEntry("attempts", 0);
        }
        // which of the two reached Twilio first is the senders' race: the refused one(s) carry the code, all wait
        assertThat(List.of(row(first), row(second)))
                .filteredOn(r -> Integer.valueOf(20003).equals(r.get("error_code")))
                .hasSize(refused)
                .allSatisfy(r -> assertThat(r).containsEntry("defer_reason", "PAUSED"));
        assertThat(faults("halt", "20003")).isEqualTo(refused);
        assertThat(meters.get("canbao.sms.dispatcher.paused").gauge().value()).isEqualTo(1);

        // the other node is paused too, an hour later still: nothing reaches the provider
        clock.advance(Duration.ofHours(1));
        assertThat(b.dispatch()).isEqualTo(SmsDispatcher.Round.PAUSED);
        assertThat(a.dispatch()).isEqualTo(SmsDispatcher.Round.PAUSED);
        assertThat(stub.creates()).hasSize(refused);
        stub.refuseAll(null); // the token is fixed
        SecurityTestSupport.endSystem();
        try {
            assertThat(security.actingAt(COUNTY, Role.CLERK, () -> operations.pause()))
                    .get()
                    .satisfies(p -> assertThat(p.code()).isEqualTo(20003));
            // the attack: a county's administrator (not the deployment's) and a clerk try to resume
            assertThatThrownBy(() -> security.actingAt(COUNTY, Role.ADMIN, () -> operations.resume()))
                    .isInstanceOf(DomainException.class);
            assertThatThrownBy(() -> security.actingAt(PROVINCE, Role.CLERK, () -> operations.resume()))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            assertThat(support.jdbc.queryForObject(
                            "select paused_at is not null from sms_dispatch_state", Boolean.class))
                    .isTrue();
            assertThat(security.actingAt(PROVINCE, Role.ADMIN, () -> operations.resume()))
                    .isTrue();
        } finally {
            SecurityTestSupport.beginSystem();
        }
        SmsDispatcher.Round resumed = b.dispatch();
        assertThat(resumed.paused()).isFalse();
        assertThat(resumed.sent()).isEqualTo(2);
        assertThat(row(first)).containsEntry("status", "ACCEPTED").containsEntry("attempts", 1);
        assertThat(stub.acceptedPerNumber())
                .containsOnly(Map.entry("+8613900000101", 1L), Map.entry("+8613900000102", 1L));
    }

    /**
     * The race CI met (2026-12-05): a round's next batch was claimed after a sender's refusal had put a message back
     * as PAUSED; the claim took it again, the paused round released it, and it lost its PAUSED mark. A message the
     * account's refusal put back is claimed by no round, on any node, until the operator resumes.
     */
    @Test
    void aMessageOurAccountsRefusalPutBackIsClaimedByNoRoundUntilTheResume() {
        long id = enqueue(5, "13900000105");
        OutboxStore store = new OutboxStore(support.jdbc, SmsTestSupport.settings(10, null), histories, transactions);
        List<OutboxStore.Claimed> claimed = claim(store);
        assertThat(claimed).extracting(OutboxStore.Claimed::id).containsExactly(id);
        store.halted(claimed.get(0), 20003, "scripted 20003");

        assertThat(claim(store)).isEmpty();
        assertThat(row(id))
                .containsEntry("status", "QUEUED")
                .containsEntry("attempts", 0)
                .containsEntry("defer_reason", "PAUSED");

        support.jdbc.update("update sms_dispatch_state set paused_at = now() where id = 1");
        SecurityTestSupport.endSystem();
        try {
            assertThat(security.actingAt(PROVINCE, Role.ADMIN, () -> operations.resume()))
                    .isTrue();
        } finally {
            SecurityTestSupport.beginSystem();
        }
        assertThat(claim(store)).extracting(OutboxStore.Claimed::id).containsExactly(id);
    }

    private List<OutboxStore.Claimed> claim(OutboxStore store) {
        return transactions.execute(s -> store.claim(clock.instant(), 10));
    }

    @Test
    void aTooManyRequestsWaitsForItsRetryAfterAndAQueueOverflowIsRetried() {
        long limited = enqueue(3, "13900000103");
        SmsDispatcher a = node("node-a", SmsTestSupport.settings(10, null));
        stub.refuseNext(new TwilioStub.Refusal(429, 20429, "120"));
        assertThat(a.dispatch().retried()).isEqualTo(1);
        java.sql.Timestamp next = (java.sql.Timestamp) row(limited).get("next_attempt_at");
        assertThat(next.toInstant())
                .as("Retry-After 120 s, not the 30 s backoff")
                .isEqualTo(clock.instant().plusSeconds(120));
        clock.advance(Duration.ofSeconds(119));
        assertThat(a.dispatch().sent()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(a.dispatch().sent()).isEqualTo(1);

        long overflow = enqueue(4, "13900000104");
        stub.refuseNext(new TwilioStub.Refusal(400, 21611, null));
        SmsDispatcher b = node("node-b", SmsTestSupport.settings(10, null));
        assertThat(b.dispatch().retried()).isEqualTo(1);
        assertThat(row(overflow)).containsEntry("status", "QUEUED").containsEntry("error_code", 21611);
        clock.advance(Duration.ofSeconds(31));
        assertThat(a.dispatch().sent()).isEqualTo(1);
        assertThat(faults("retry", "20429")).isEqualTo(1);
        assertThat(faults("retry", "21611")).isEqualTo(1);
    }

    @Test
    void onlyTheRecipientsOwnFaultsFailAMessage() {
        long unsubscribed = enqueue(5, "13900000105");
        long tooLong = enqueue(6, "13900000106");
        stub.refuseNext(new TwilioStub.Refusal(400, 21610, null), new TwilioStub.Refusal(400, 21617, null));
        SmsDispatcher.Round round =
                node("node-a", SmsTestSupport.settings(10, null)).dispatch();
        assertThat(round.failed()).isEqualTo(2);
        assertThat(round.paused()).isFalse();
        // which of the two reaches the stub first (and gets its first scripted refusal) is the parallel senders'
        // race (CI met the other order): both failed, one with each of the recipient's own faults
        assertThat(List.of(row(unsubscribed), row(tooLong)))
                .allSatisfy(r -> assertThat(r).containsEntry("status", "FAILED"))
                .extracting(r -> r.get("error_code"))
                .containsExactlyInAnyOrder(21610, 21617);
        assertThat(faults("rejected", "21610")).isEqualTo(1);
    }

    @Test
    void lookupsThatKeepFailingAreCountedAndEndInTheOperatorsQueue() {
        long lost = enqueue(7, "13900000107");
        SmsSettings settings = SmsTestSupport.settings(10, null).withMaxLookups(2);
        SmsDispatcher a = node("node-a", settings);
        SmsDispatcher b = node("node-b", settings);
        stub.failNext(500);
        assertThat(a.dispatch().unknown()).isEqualTo(1);
        stub.failLists(true);

        clock.advance(Duration.ofSeconds(31));
        b.dispatch();
        assertThat(row(lost)).containsEntry("status", "SENDING").containsEntry("lookups", 1);
        clock.advance(Duration.ofMinutes(2)); // after the backoff of the second attempt's worth
        SmsDispatcher.Round given = a.dispatch();
        assertThat(given.unresolved()).isEqualTo(1);
        assertThat(row(lost))
                .containsEntry("status", "UNRESOLVED")
                .containsEntry("lookups", 2)
                .containsEntry("attempts", 1);
        int lookups = stub.lists();
        clock.advance(Duration.ofHours(1));
        b.dispatch();
        assertThat(stub.lists()).as("no more lookups once an operator has it").isEqualTo(lookups);
        assertThat(stub.creates()).hasSize(1);
        assertThat(faults("lookup", "none")).isEqualTo(2);

        SecurityTestSupport.endSystem();
        try {
            // the attack: a clerk of another township cannot see or settle it
            String other = support.jdbc.queryForObject(
                    "select code from region where level = 'TOWNSHIP' and code <> ? "
                            + "and parent_code = ? order by code limit 1",
                    String.class,
                    SmsTestSupport.TOWNSHIP,
                    COUNTY);
            assertThat(security.actingAt(other, Role.CLERK, () -> operations.unresolved(10)))
                    .isEmpty();
            assertThatThrownBy(() -> security.actingAt(other, Role.CLERK, () -> operations.sendAgain(lost)))
                    .isInstanceOf(RuntimeException.class);
            assertThat(row(lost)).containsEntry("status", "UNRESOLVED");
            assertThat(security.actingAt(COUNTY, Role.CLERK, () -> operations.unresolved(10)))
                    .singleElement()
                    .satisfies(u -> {
                        assertThat(u.id()).isEqualTo(lost);
                        assertThat(u.maskedMobile()).contains("*").doesNotContain("13900000107");
                    });
            security.actingAt(COUNTY, Role.CLERK, () -> operations.sendAgain(lost));
        } finally {
            SecurityTestSupport.beginSystem();
        }
        assertThat(row(lost)).containsEntry("status", "QUEUED").containsEntry("lookups", 0);
        assertThat(b.dispatch().sent()).isEqualTo(1);
        assertThat(stub.acceptedPerNumber()).containsExactly(Map.entry("+8613900000107", 1L));
    }

    /** 120 messages to the same number since ours: the lookup reads past the first page of 50 and finds ours. */
    @Test
    void aLookupReadsEveryPageSinceTheAttempt() {
        long ours = enqueue(8, "13900000108");
        stub.failNext(500); // Twilio took nothing: we do not know
        SmsDispatcher a = node("node-a", SmsTestSupport.settings(10, null));
        assertThat(a.dispatch().unknown()).isEqualTo(1);
        String body = support.jdbc.queryForObject("select body from sms_message where id = ?", String.class, ours);
        // but it had taken ours earlier (an attempt whose answer was lost), and 120 others since
        stub.preexisting("+8613900000108", body, clock.instant());
        for (int i = 0; i < 120; i++) {
            stub.preexisting("+8613900000108", "其他通知 " + i, clock.instant().plusSeconds(1));
        }
        clock.advance(Duration.ofSeconds(31));
        SmsDispatcher.Round round =
                node("node-b", SmsTestSupport.settings(10, null)).dispatch();
        assertThat(round.reconciled()).isEqualTo(1);
        assertThat(round.resent()).isZero();
        assertThat(row(ours)).containsEntry("status", "DELIVERED");
        assertThat(stub.lists()).isGreaterThanOrEqualTo(3);
        assertThat(stub.creates()).hasSize(1);
    }
}
