package cn.canbao.fasttrack.ui;

import cn.canbao.fasttrack.FastTrack;
import cn.canbao.fasttrack.FastTrackService;
import cn.canbao.fasttrack.process.NewbornEnrolmentProcess;
import cn.canbao.register.person.InsuranceScheme;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * 新生儿参保登记: the grid worker enrols the newborn with the birth certificate (no household registration
 * needed) — certificate number, scheme, day — on a phone; the enrollment goes into the register.
 */
@Route("tasks/newborn-enrolment")
@RolesAllowed({"GRID_WORKER", "VILLAGE_CADRE", "CLERK", "ADMIN"})
class NewbornEnrolmentView extends FastTrackTaskView {

    NewbornEnrolmentView(TaskInbox inbox, FastTrackService tracks, Clock clock) {
        super("title.newbornEnrolment", inbox, tracks, clock);
    }

    @Override
    protected void details(Div person, FastTrack track) {
        line(
                person,
                "fastTrack.mother",
                track.motherName() == null ? null : track.motherName() + " · " + track.maskedMotherIdNumber());
        line(person, "fastTrack.motherMobile", track.maskedMotherMobile());
    }

    @Override
    protected void form(FastTrack track) {
        TextField certificate = new TextField(getTranslation("fastTrack.birthCertificate"));
        certificate.setId("fast-track-certificate");
        certificate.setRequired(true);
        certificate.setMaxLength(20);
        certificate.setWidthFull();
        Select<InsuranceScheme> scheme = new Select<>();
        scheme.setId("fast-track-scheme");
        scheme.setLabel(getTranslation("fastTrack.scheme"));
        scheme.setItems(InsuranceScheme.values());
        scheme.setItemLabelGenerator(s -> getTranslation(s.messageKey()));
        scheme.setValue(InsuranceScheme.RESIDENT);
        scheme.setWidthFull();
        var date = enrolledOn(track);
        add(certificate, scheme, date, submit("fastTrack.newborn.submit", () -> {
            Map<String, Object> values = new HashMap<>();
            values.put(NewbornEnrolmentProcess.VAR_BIRTH_CERTIFICATE, certificate.getValue());
            values.put(
                    NewbornEnrolmentProcess.VAR_SCHEME,
                    scheme.getValue() == null ? "" : scheme.getValue().name());
            values.put(NewbornEnrolmentProcess.VAR_ENROLLED_ON, iso(date));
            complete(values, "fastTrack.newborn.recorded");
        }));
    }
}
