package cn.canbao.notify.channel;

import cn.canbao.sms.SmsException;
import cn.canbao.sms.SmsOutbox;

/**
 * Staff SMS: the notice is handed to the {@code sms} outbox as a STAFF message (its own phone, no resident, no region),
 * in the transaction that marks the notice SENT; the SMS dispatcher sends it through the gateway. The residents' caps
 * and reports never count it (see {@link SmsOutbox#enqueueStaff}).
 */
public class StaffSmsChannel implements StaffChannel {

    private final SmsOutbox outbox;

    public StaffSmsChannel(SmsOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "SMS";
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public Delivery send(Outgoing notice) {
        if (notice.phone() == null) {
            return Delivery.failed("no phone");
        }
        try {
            return outbox.enqueueStaff(new SmsOutbox.StaffRequest(
                            notice.username(), notice.phone(), notice.text(), "notify:" + notice.id()))
                    .map(id -> Delivery.sent("sms_message " + id))
                    .orElseGet(() -> Delivery.failed("not queued (no valid mobile, or queued before)"));
        } catch (SmsException e) {
            return Delivery.failed(e.messageKey());
        }
    }
}
