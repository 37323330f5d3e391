package cn.canbao.outreach.process;

import cn.canbao.outreach.OutreachSettings;
import org.springframework.stereotype.Component;

/**
 * {@code Timer_AfterFirst}, {@code Timer_AfterSecond} of lapsed-outreach.bpmn: {@code ${outreachWaits.reminderWait()}}, the
 * ISO duration {@code canbao.outreach.reminder-wait} read when the timer starts. Not a variable of each instance (two
 * rows and their history per household at every start); instances started before carry the variable
 * {@code reminderWait}, which their process version reads. Public: the engine's expressions call only public classes.
 */
@Component("outreachWaits")
public class OutreachWaits {

    private final OutreachSettings settings;

    OutreachWaits(OutreachSettings settings) {
        this.settings = settings;
    }

    /** The wait after each reminder, e.g. {@code P7D}. */
    public String reminderWait() {
        return settings.reminderWait().toString();
    }
}
