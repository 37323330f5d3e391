package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.sms.dispatch.SmsDispatcher;
import cn.canbao.sms.gateway.SmsGateway;
import cn.canbao.sms.gateway.TwilioGateway;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The node dies after the provider accepted a message and before we recorded it; after the restart no
 * resident gets the same reminder twice. And an outbox of 10,000 drains completely.
 */
@CanbaoIntegrationTest
class CrashSafetyIT extends SmsTestBase {

    @Autowired
    PlatformTransactionManager transactions;

    final MutableClock clock = new MutableClock(LocalDateTime.of(2026, 11, 2, 10, 0));

    /** The process dying right after the provider took a message: nothing after the send runs. */
    static final class Crash extends Error {}

    /** Passes sends through, and "kills the node" right after the provider accepted the n-th one. */
    static final class DiesAfterAccept implements SmsGateway {
        private final SmsGateway provider;
        private final int dieAt;
        private final AtomicInteger sends = new AtomicInteger();

        DiesAfterAccept(SmsGateway provider, int dieAt) {
            this.provider = provider;
            this.dieAt = dieAt;
        }

        @Override
        public Outcome send(Outgoing message) {
            Outcome outcome = provider.send(message);
            if (sends.incrementAndGet() == dieAt) {
                throw new Crash();
            }
            return outcome;
        }

        @Override
        public Optional<Accepted> find(Outgoing message) {
            return provider.find(message);
        }

        @Override
        public String name() {
            return "dies-after-accept";
        }
    }

    @Test
    void aCrashBetweenTheProvidersAcceptAndOurCommitSendsNothingTwice() throws Exception {
        String grid = support.grid();
        List<SmsTestSupport.Resident> residents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            residents.add(new SmsTestSupport.Resident(2000 + i, String.format("1370000%04d", i)));
        }
        List<String> ids = support.persons(grid, residents);
        for (int i = 0; i < 20; i++) {
            String mobile = residents.get(i).mobile();
            outbox.enqueue(
                    SmsTestSupport.reminder(ids.get(i), mobile, grid, SmsTemplates.REMINDER_FIRST, "crash-" + i));
        }
        try (TwilioStub stub = new TwilioStub(clock::instant)) {
            SmsSettings.Twilio account =
                    SmsTestSupport.twilio(stub.baseUrl(), "MG00000000000000000000000000000001", null);
            SmsSettings settings = SmsTestSupport.settings(1000, null);
            SmsDispatcher doomed = support.dispatcher(
                    new DiesAfterAccept(new TwilioGateway(account, clock), 5), settings, clock, "node-a");
            assertThatThrownBy(doomed::dispatch).isInstanceOf(Crash.class);

            // Twilio took the 5th and whatever else was in flight when the node died; we recorded fewer: the ones
            // taken but not recorded, and those never handed over, are left SENDING
            int taken = stub.creates().size();
            int recorded = count("status = 'ACCEPTED'");
            assertThat(taken).isGreaterThanOrEqualTo(5);
            assertThat(recorded).isLessThan(taken);
            assertThat(count("status = 'SENDING'")).isEqualTo(20 - recorded);

            // another node takes over once the attempt is old enough to ask Twilio about
            clock.advance(Duration.ofMinutes(1));
            SmsDispatcher.Round round = support.dispatcher(new TwilioGateway(account, clock), settings, clock, "node-b")
                    .dispatch();
            assertThat(round.reconciled()).isEqualTo(taken - recorded);
            assertThat(round.resent()).isEqualTo(20 - taken);
            assertThat(round.sent()).isEqualTo(20 - taken);

            assertThat(stub.creates()).hasSize(20);
            assertThat(stub.acceptedPerNumber())
                    .hasSize(20)
                    .allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
            assertThat(count("status = 'ACCEPTED' and provider_sid is not null"))
                    .isEqualTo(20);
        }
    }

    @Test
    void anOutboxOfTenThousandDrainsCompletely() {
        String grid = support.grid();
        int total = 10_000;
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            for (int i = 0; i < total; i++) {
                // persons need not be in the register for the outbox; the mobile is the request's
                outbox.enqueue(SmsTestSupport.reminder(
                        SmsTestSupport.id(5000 + i),
                        String.format("1360%07d", i),
                        grid,
                        SmsTemplates.REMINDER_FIRST,
                        "drain-" + i));
            }
        });
        assertThat(count("status = 'QUEUED'")).isEqualTo(total);
        SmsDispatcher dispatcher =
                support.dispatcher(support.localGateway(), SmsTestSupport.settings(100_000, null), clock, "node-a");
        int sent = 0;
        for (int round = 0; round < 20 && count("status = 'QUEUED'") > 0; round++) {
            sent += dispatcher.dispatch().sent();
        }
        assertThat(sent).isEqualTo(total);
        assertThat(count("status = 'SENT'")).isEqualTo(total);
        assertThat(support.jdbc.queryForObject(
                        "select count(distinct to_number) from sms_local_gateway", Integer.class))
                .isEqualTo(total);
        Map<String, Object> attempts =
                support.jdbc.queryForMap("select min(attempts) lo, max(attempts) hi from sms_message");
        assertThat(attempts).containsEntry("lo", 1).containsEntry("hi", 1);
    }

    private int count(String where) {
        return support.jdbc.queryForObject("select count(*) from sms_message where " + where, Integer.class);
    }
}
