package cn.canbao.escalation.ui;

import cn.canbao.escalation.EscalationService;
import cn.canbao.escalation.process.EscalationProcess;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** 约谈: the county leader records the summons of a lagging township's head (date, attendees, minutes). */
@Route("tasks/summons")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class SummonsView extends EscalationTaskView {

    SummonsView(TaskInbox inbox, EscalationService escalations, Clock clock) {
        super("title.summons", inbox, escalations, clock);
    }

    @Override
    protected void renderCase() {
        DatePicker date = new DatePicker(getTranslation("escalation.summonsDate"), LocalDate.now(clock));
        date.setId("summons-date");
        date.setMax(LocalDate.now(clock));
        date.setWidthFull();
        TextField attendees = new TextField(getTranslation("escalation.attendees"));
        attendees.setId("summons-attendees");
        attendees.setWidthFull();
        attendees.setRequired(true);
        var minutes = area("escalation.minutes", "summons-minutes");
        add(date, attendees, minutes, submit("escalation.summons.submit", () -> {
            Map<String, Object> values = new HashMap<>();
            values.put(
                    EscalationProcess.VAR_SUMMONS_DATE,
                    date.getValue() == null ? "" : date.getValue().toString());
            values.put(EscalationProcess.VAR_ATTENDEES, attendees.getValue());
            values.put(EscalationProcess.VAR_MINUTES, minutes.getValue());
            complete(values, "escalation.summons.recorded");
        }));
    }
}
