package cn.canbao.sms;

import cn.canbao.IntegrationTestBase;
import cn.canbao.security.AsSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An SMS integration test: it calls the outbox as the outreach processes do (as the system), starts and ends with
 * empty SMS tables, and writes to persons of one grid.
 */
@AsSystem
abstract class SmsTestBase extends IntegrationTestBase {

    @Autowired
    protected SmsTestSupport support;

    @Autowired
    protected SmsOutbox outbox;

    /** The grid the tests' persons live in. */
    protected String grid;

    @BeforeEach
    final void emptySmsTablesAndTheGrid() {
        support.clean();
        grid = support.grid();
    }

    @AfterEach
    final void emptySmsTablesAgain() {
        support.clean();
    }

    /** A first reminder to a new person of the grid with this mobile (the sequence makes the ID number). */
    protected long reminder(int sequence, String mobile, String dedup) {
        String id = support.person(sequence, mobile, grid);
        return outbox.enqueue(SmsTestSupport.reminder(id, mobile, grid, SmsTemplates.REMINDER_FIRST, dedup))
                .orElseThrow();
    }

    /** A first reminder as the provider accepted it, under the provider's id for it. */
    protected long accepted(int sequence, String mobile, String sid) {
        long message = reminder(sequence, mobile, "accepted-" + sequence);
        support.jdbc.update("update sms_message set status = 'ACCEPTED', provider_sid = ? where id = ?", sid, message);
        return message;
    }
}
