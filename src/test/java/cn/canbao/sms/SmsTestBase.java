package cn.canbao.sms;

import cn.canbao.IntegrationTestBase;
import cn.canbao.security.AsSystem;
import java.util.List;
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

    /**
     * A father and daughter sharing one mobile and a neighbour with a mobile of their own (each mobile 1370000 and the
     * sequence of its first holder; the three sequences from {@code first} on), and a first reminder queued to the
     * daughter: what a STOP reply from the shared number must reach.
     */
    protected SharedMobile sharedMobile(int first, String dedup) {
        String shared = "1370000" + first;
        List<String> ids = support.persons(
                grid,
                List.of(
                        new SmsTestSupport.Resident(first, shared),
                        new SmsTestSupport.Resident(first + 1, shared),
                        new SmsTestSupport.Resident(first + 2, "1370000" + (first + 2))));
        long queued = outbox.enqueue(
                        SmsTestSupport.reminder(ids.get(1), shared, grid, SmsTemplates.REMINDER_FIRST, dedup))
                .orElseThrow();
        return new SharedMobile(ids.get(0), ids.get(1), ids.get(2), queued);
    }

    /** The ID numbers of {@link #sharedMobile}'s three residents and the reminder queued to the daughter. */
    protected record SharedMobile(String father, String daughter, String other, long queued) {}

    /** Whether the register has the person opted out of SMS. */
    protected boolean optedOut(String idNumber) {
        return Boolean.TRUE.equals(support.jdbc.queryForObject(
                "select sms_opt_out from person where id_number = ?", Boolean.class, idNumber));
    }

    /** A first reminder as the provider accepted it, under the provider's id for it. */
    protected long accepted(int sequence, String mobile, String sid) {
        long message = reminder(sequence, mobile, "accepted-" + sequence);
        support.jdbc.update("update sms_message set status = 'ACCEPTED', provider_sid = ? where id = ?", sid, message);
        return message;
    }
}
