package cn.canbao.fasttrack.ui;

import cn.canbao.fasttrack.FastTrack;
import cn.canbao.fasttrack.FastTrackService;
import cn.canbao.fasttrack.process.HardshipEnrolmentProcess;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 困难群体资助参保: the county clerk enrols a hardship member whose contribution the subsidy pays (amount 0,
 * marked subsidised); such members never get a payment reminder.
 */
@Route("tasks/hardship-enrolment")
@RolesAllowed({"CLERK", "ADMIN"})
class HardshipEnrolmentView extends FastTrackTaskView {

    HardshipEnrolmentView(TaskInbox inbox, FastTrackService tracks, Clock clock) {
        super("title.hardshipEnrolment", inbox, tracks, clock);
    }

    @Override
    protected void details(Div person, FastTrack track) {
        line(
                person,
                "fastTrack.categories",
                track.hardshipCategories().stream()
                        .map(c -> getTranslation("fastTrack.category." + c))
                        .collect(Collectors.joining(getTranslation("text.listSeparator"))));
    }

    @Override
    protected void form(FastTrack track) {
        Paragraph note = new Paragraph(getTranslation("fastTrack.hardship.note"));
        note.setId("fast-track-note");
        var date = enrolledOn(track);
        add(
                note,
                date,
                submit(
                        "fastTrack.hardship.submit",
                        () -> complete(
                                Map.of(HardshipEnrolmentProcess.VAR_ENROLLED_ON, iso(date)),
                                "fastTrack.hardship.recorded")));
    }
}
