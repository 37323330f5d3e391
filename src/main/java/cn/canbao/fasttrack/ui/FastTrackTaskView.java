package cn.canbao.fasttrack.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.fasttrack.FastTrack;
import cn.canbao.fasttrack.FastTrackService;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.Clock;
import java.time.LocalDate;

/** The fast-track task forms: who the task is about (IDs and phones masked), then the form of the kind. */
abstract class FastTrackTaskView extends TaskFormView {

    protected final FastTrackService tracks;

    FastTrackTaskView(String titleKey, TaskInbox inbox, FastTrackService tracks, Clock clock) {
        super(titleKey, inbox, clock);
        this.tracks = tracks;
    }

    @Override
    protected void render() {
        Messages.attempt(this, () -> {
            FastTrack track = tracks.track(recordId());
            Div person = new Div();
            person.setId("fast-track-person");
            person.addClassNames("fast-track-person");
            // a newborn from the birth certificate has no ID number before the household registration
            line(
                    person,
                    "fastTrack.person",
                    track.name() + " · "
                            + (track.maskedIdNumber() == null
                                    ? getTranslation("fastTrack.noIdYet")
                                    : track.maskedIdNumber()));
            line(person, "fastTrack.birthDate", String.valueOf(track.birthDate()));
            line(person, "fastTrack.region", track.regionName());
            line(person, "fastTrack.address", track.address());
            line(person, "fastTrack.mobile", track.maskedMobile());
            line(person, "fastTrack.year", Integer.toString(track.year()));
            details(person, track);
            add(person);
            form(track);
        });
    }

    /** Lines of the kind about the person (mother, categories). */
    protected abstract void details(Div person, FastTrack track);

    /** The fields and the button that complete the task. */
    protected abstract void form(FastTrack track);

    protected void line(Div into, String labelKey, String value) {
        if (value != null && !value.isBlank()) {
            Div line = new Div(new Span(Messages.labelled(this, getTranslation(labelKey), "")), new Span(value));
            into.add(line);
        }
    }

    protected DatePicker enrolledOn(FastTrack track) {
        LocalDate today = LocalDate.now(clock);
        DatePicker date = new DatePicker(getTranslation("fastTrack.enrolledOn"), today);
        date.setId("fast-track-date");
        date.setMax(today);
        date.setMin(track.birthDate());
        date.setWidthFull();
        return date;
    }

    protected Button submit(String key, Runnable action) {
        Button button = new Button(getTranslation(key), e -> action.run());
        button.setId("fast-track-submit");
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        button.setWidthFull();
        return button;
    }

    protected static String iso(DatePicker date) {
        return date.getValue() == null ? "" : date.getValue().toString();
    }
}
