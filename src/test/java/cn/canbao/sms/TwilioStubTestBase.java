package cn.canbao.sms;

import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An SMS test that sends through a local stand-in of Twilio's API, on a clock the test moves. */
abstract class TwilioStubTestBase extends SmsTestBase {

    /** The messaging service the tests' account sends through. */
    static final String SERVICE = "MG00000000000000000000000000000001";

    protected final MutableClock clock = new MutableClock(LocalDateTime.of(2026, 11, 2, 10, 0));
    protected TwilioStub stub;

    @BeforeEach
    final void startTheStub() throws Exception {
        stub = new TwilioStub(clock::instant);
    }

    @AfterEach
    final void stopTheStub() {
        stub.close();
    }

    /** A first reminder to a new person of the grid (the sequence makes the ID number and the dedup key). */
    protected long enqueue(int sequence, String mobile) {
        return reminder(sequence, mobile, "twilio-" + sequence);
    }
}
