package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.sms.dispatch.SmsDispatchWorker;
import cn.canbao.sms.dispatch.SmsDispatcher;
import cn.canbao.sms.gateway.TwilioGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher with the real Twilio SDK against a local stub of the Messages API: the request Twilio
 * gets, a 429 retried once, 21211 never retried, and the rate limit held where the requests arrive.
 */
@CanbaoIntegrationTest
class TwilioDispatchIT extends TwilioStubTestBase {

    /** Node A dispatching through the stub's messaging service at this rate per second. */
    private SmsDispatcher nodeA(int ratePerSecond) {
        return support.dispatcher(
                new TwilioGateway(SmsTestSupport.twilio(stub.baseUrl(), SERVICE, null), clock),
                SmsTestSupport.settings(ratePerSecond, null),
                clock,
                "node-a");
    }

    @Test
    void createsTheMessageWithMessagingServiceAndCallbackAndRetriesA429Once() {
        long id = enqueue(1, "13900000001");
        SmsDispatcher dispatcher = nodeA(10);
        stub.failNext(429);

        SmsDispatcher.Round first = dispatcher.dispatch();
        assertThat(first.retried())
                .as(
                        "%s %s",
                        first,
                        support.jdbc.queryForMap(
                                "select status, error_code, error_message from sms_message where id = ?", id))
                .isEqualTo(1);
        assertThat(support.status(id)).isEqualTo("QUEUED");
        assertThat(stub.creates()).hasSize(1);
        // backoff: nothing before 30 s have passed
        clock.advance(Duration.ofSeconds(20));
        assertThat(dispatcher.dispatch().sent()).isZero();
        assertThat(stub.creates()).hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        assertThat(dispatcher.dispatch().sent()).isEqualTo(1);

        assertThat(stub.creates()).hasSize(2);
        Map<String, String> params = stub.creates().get(1).params();
        assertThat(params)
                .containsEntry("To", "+8613900000001")
                .containsEntry("MessagingServiceSid", SERVICE)
                .containsEntry("StatusCallback", SmsTestSupport.STATUS_CALLBACK)
                .doesNotContainKey("From");
        assertThat(params.get("Body"))
                .isEqualTo("【医保缴费提醒】您好，城乡居民医保集中缴费期至12月31日，个人缴费400元，" + "可通过闽政通、支付宝、村委会代收点缴纳。逾期参保将有3个月待遇等待期。回复TD退订");
        assertThat(stub.creates().get(1).authorization()).startsWith("Basic ");
        Map<String, Object> row =
                support.jdbc.queryForMap("select status, attempts, provider_sid from sms_message where id = ?", id);
        assertThat(row.get("status")).isEqualTo("ACCEPTED");
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat((String) row.get("provider_sid")).startsWith("SM");
        assertThat(stub.acceptedPerNumber()).containsExactly(Map.entry("+8613900000001", 1L));
    }

    @Test
    void sendsFromANumberWhenNoMessagingServiceIsSet() {
        enqueue(2, "13900000002");
        support.dispatcher(
                        new TwilioGateway(SmsTestSupport.twilio(stub.baseUrl(), null, "+15005550006"), clock),
                        SmsTestSupport.settings(10, null),
                        clock,
                        "node-a")
                .dispatch();
        assertThat(stub.creates())
                .singleElement()
                .satisfies(c -> assertThat(c.params())
                        .containsEntry("From", "+15005550006")
                        .containsEntry("To", "+8613900000002")
                        .doesNotContainKey("MessagingServiceSid"));
    }

    @Test
    void anInvalidNumberIsRecordedAndNeverRetried() {
        long id = enqueue(3, "13900000003");
        stub.invalid("+8613900000003");
        SmsDispatcher dispatcher = nodeA(10);
        assertThat(dispatcher.dispatch().failed()).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        dispatcher.dispatch();
        assertThat(stub.creates()).hasSize(1);
        Map<String, Object> row =
                support.jdbc.queryForMap("select status, error_code, attempts from sms_message where id = ?", id);
        assertThat(row)
                .containsEntry("status", "FAILED")
                .containsEntry("error_code", 21211)
                .containsEntry("attempts", 1);
    }

    @Test
    void aFiveHundredIsLookedUpBeforeItIsSentAgain() {
        long id = enqueue(4, "13900000004");
        stub.failNext(500);
        SmsDispatcher dispatcher = nodeA(10);
        assertThat(dispatcher.dispatch().unknown()).isEqualTo(1);
        assertThat(support.status(id)).isEqualTo("SENDING");
        clock.advance(Duration.ofSeconds(31));
        SmsDispatcher.Round round = dispatcher.dispatch();
        // not at Twilio (the 500 took nothing): queued again and sent in the same round
        assertThat(round.resent()).isEqualTo(1);
        assertThat(round.sent()).isEqualTo(1);
        assertThat(support.status(id)).isEqualTo("ACCEPTED");
        assertThat(stub.acceptedPerNumber()).containsExactly(Map.entry("+8613900000004", 1L));
    }

    @Test
    void neverMoreThanTheRateInAnyOneSecondWindow() {
        int rate = 8;
        int messages = 40;
        for (int i = 0; i < messages; i++) {
            enqueue(100 + i, String.format("1390001%04d", i));
        }
        SmsDispatcher dispatcher = nodeA(rate);
        long started = System.nanoTime();
        assertThat(dispatcher.dispatch().sent()).isEqualTo(messages);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        List<Long> arrivals = new ArrayList<>(
                stub.creates().stream().map(TwilioStub.Create::nanos).sorted().toList());
        assertThat(arrivals).hasSize(messages);
        for (int i = 0; i + rate < arrivals.size(); i++) {
            assertThat(arrivals.get(i + rate) - arrivals.get(i))
                    .as("requests %d and %d arrived more than a second apart", i, i + rate)
                    .isGreaterThan(1_000_000_000L);
        }
        // and the limit is used, not undercut: 40 at 8/s is 4 full windows
        assertThat(tookMillis).isBetween(4_000L, 8_000L);
    }

    /**
     * A provider answering in 300 ms: 60 messages at 10/s, sent by two nodes' dispatch workers running as in
     * production (each its own dispatcher and connections, taking turns by the advisory lock). Every message reaches
     * the stub once, and no second there sees more than 10 — a place is held from each send's leaving, not until a
     * second after its slow return.
     */
    @Test
    void underProviderLatencyTwoNodesKeepTheRateAndSendEachMessageOnce() {
        int rate = 10;
        int messages = 60;
        for (int i = 0; i < messages; i++) {
            enqueue(200 + i, String.format("1390002%04d", i));
        }
        stub.latency(Duration.ofMillis(300));
        SmsSettings settings = SmsTestSupport.settings(rate, null)
                .withDispatcher(new SmsSettings.Dispatcher(true, Duration.ofMillis(200), 0, Duration.ofMillis(30)));
        List<SmsDispatchWorker> workers = List.of("node-a", "node-b").stream()
                .map(node -> new SmsDispatchWorker(
                        support.dispatcher(
                                new TwilioGateway(SmsTestSupport.twilio(stub.baseUrl(), SERVICE, null), clock),
                                settings,
                                clock,
                                node),
                        settings.dispatcher()))
                .toList();
        workers.forEach(SmsDispatchWorker::start);
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> support.jdbc.queryForObject(
                                    "select count(*) from sms_message where status = 'ACCEPTED'", Integer.class)
                            == messages);
        } finally {
            workers.forEach(SmsDispatchWorker::stop);
        }
        assertThat(stub.creates()).hasSize(messages);
        assertThat(stub.acceptedPerNumber())
                .hasSize(messages)
                .allSatisfy((number, count) -> assertThat(count).isEqualTo(1L));
        assertThat(stub.busiestSecond()).isLessThanOrEqualTo(rate);
        assertThat(support.jdbc.queryForObject(
                        "select count(*) from sms_message where status = 'ACCEPTED' and attempts = 1", Integer.class))
                .isEqualTo(messages);
    }
}
