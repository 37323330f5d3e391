package cn.canbao.notify.channel;

import cn.canbao.sms.SmsException;
import cn.canbao.sms.SmsOutbox;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Staff SMS: the notice is handed to the {@code sms} outbox as a STAFF message (its own phone, no resident, no region),
 * in the transaction that marks the notice SENT; the SMS dispatcher sends it through the gateway. The residents' caps
 * and reports never count it (see {@link SmsOutbox#enqueueStaff}).
 */
public class StaffSmsChannel implements StaffChannel {

    /** The language of a provider's approved staff template, which the notice's kind fills (mainland providers). */
    private static final Locale TEMPLATE_LANGUAGE = Locale.SIMPLIFIED_CHINESE;

    private final SmsOutbox outbox;
    private final MessageSource messages;

    public StaffSmsChannel(SmsOutbox outbox, MessageSource messages) {
        this.outbox = outbox;
        this.messages = messages;
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
                            notice.username(),
                            notice.phone(),
                            notice.text(),
                            messages.getMessage("notify.kind." + notice.kind(), null, TEMPLATE_LANGUAGE),
                            "notify:" + notice.id()))
                    .map(id -> Delivery.sent("sms_message " + id))
                    .orElseGet(() -> Delivery.failed("not queued (no valid mobile, or queued before)"));
        } catch (SmsException e) {
            return Delivery.failed(e.messageKey());
        }
    }
}
