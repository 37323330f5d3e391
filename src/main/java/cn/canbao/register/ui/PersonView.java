package cn.canbao.register.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.SummaryCard;
import cn.canbao.base.ui.TitledView;
import cn.canbao.register.PersonFile;
import cn.canbao.register.PersonFileSection;
import cn.canbao.register.directory.EnrollmentContinuity;
import cn.canbao.register.directory.PersonDirectory;
import cn.canbao.register.directory.TimelineEntry;
import cn.canbao.register.person.PersonStatus;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/**
 * One person's file (一人一档): the full ID number and mobile (shown nowhere else), regions, groups,
 * enrollment by year with continuous and break years, the sections other capabilities add
 * ({@link PersonFileSection}: the policy assessment), payments and the timeline of changes. Every
 * opening goes through {@link PersonDirectory#openByRef}, which records it in the access log.
 */
@Route("persons/:id")
@RolesAllowed({"ADMIN", "CLERK", "COUNTY_LEADER", "TOWNSHIP_LEADER", "VILLAGE_CADRE", "GRID_WORKER"})
class PersonView extends TitledView implements BeforeEnterObserver {

    private final DateTimeFormatter time;

    private final PersonDirectory directory;
    private final ObjectProvider<PersonFileSection> sections;

    PersonView(PersonDirectory directory, ObjectProvider<PersonFileSection> sections, Clock clock) {
        super("title.person");
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        this.directory = directory;
        this.sections = sections;
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        RouterLink back = new RouterLink(getTranslation("person.back"), PersonSearchView.class);
        back.setId("person-back");
        add(back);
        try {
            PersonFile file = directory.openByRef(
                    event.getRouteParameters().get("id").orElse(""), PersonDirectory.PURPOSE_PERSON_VIEW);
            show(file, directory.timeline(file.idNumber()));
        } catch (DomainException refused) {
            Span message = new Span(Messages.of(this, refused));
            message.setId("person-refused");
            add(message);
        }
    }

    private void show(PersonFile file, List<TimelineEntry> timeline) {
        H2 name = new H2(file.name());
        name.setId("person-name");
        Span status = badge(
                getTranslation(file.status().messageKey()) + (file.statusDate() == null ? "" : " " + file.statusDate()),
                file.status() == PersonStatus.ACTIVE ? "success" : "contrast");
        status.setId("person-status");
        FlexLayout groups = new FlexLayout();
        groups.setId("person-groups");
        groups.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        groups.addClassNames(LumoUtility.Gap.SMALL);
        groups.add(status);
        file.groups().forEach(g -> {
            Span badge =
                    badge(getTranslation(g.group().messageKey()) + (g.detail() == null ? "" : " · " + g.detail()), "");
            if (g.since() != null || g.until() != null) {
                badge.setTitle(text(g.since()) + " – " + text(g.until()));
            }
            groups.add(badge);
        });
        if (file.smsOptOut()) {
            groups.add(badge(getTranslation("person.smsOptOut"), "contrast"));
        }
        add(name, groups, facts(file), continuity(file.continuity()));
        sections.orderedStream().forEach(section -> add(section.render(file)));
        add(new H3(getTranslation("person.enrollments")), enrollments(file.enrollments()));
        if (!file.payments().isEmpty()) {
            add(new H3(getTranslation("person.payments")), payments(file.payments()));
        }
        add(new H3(getTranslation("person.timeline")), timeline(timeline));
    }

    private FlexLayout facts(PersonFile file) {
        FlexLayout facts = new FlexLayout();
        facts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        facts.addClassNames(LumoUtility.Gap.MEDIUM);
        facts.add(
                fact("person-id", "persons.idNumber", file.idNumber()),
                fact("person-sex", "persons.sex", getTranslation("persons.sex." + file.sex())),
                fact(
                        "person-birth",
                        "person.birthDate",
                        file.birthDate() + " (" + getTranslation("person.age", file.age()) + ")"),
                fact("person-mobile", "persons.mobile", file.mobile()),
                fact("person-address", "person.address", file.address()),
                fact("person-household", "persons.household", place(file.household())),
                fact("person-residence", "persons.residence", place(file.residence())),
                fact("person-grid", "person.grid", place(file.grid())));
        if (file.notEnrolledReason() != null) {
            facts.add(fact(
                    "person-reason",
                    "persons.reason",
                    getTranslation(file.notEnrolledReason().messageKey())));
        }
        if (file.fileNumber() != null) {
            // the Yancheng pilot's 档案编号, 档案类型, 建档标识
            facts.add(
                    fact("person-file-number", "person.fileNumber", file.fileNumber()),
                    fact(
                            "person-file-type",
                            "person.fileType",
                            file.fileType() == null ? null : getTranslation("person.fileType." + file.fileType())),
                    fact(
                            "person-file-marker",
                            "person.fileMarker",
                            file.fileMarker() == null
                                    ? null
                                    : getTranslation("person.fileMarker." + file.fileMarker())));
        }
        return facts;
    }

    private FlexLayout continuity(EnrollmentContinuity c) {
        FlexLayout cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassNames("canbao-summary");
        cards.setId("person-continuity");
        cards.add(
                card(
                        "person.firstYear",
                        c.firstYear() == null ? getTranslation("person.never") : String.valueOf(c.firstYear())),
                card("person.continuous", getTranslation("person.years", c.continuousYears())),
                card(
                        "person.breaks",
                        c.breakYears().isEmpty() ? getTranslation("person.none") : Messages.list(this, c.breakYears())),
                card("person.currentYear", getTranslation("persons.enrolled." + c.currentYearEnrolled())));
        return cards;
    }

    private Grid<PersonFile.Enrollment> enrollments(List<PersonFile.Enrollment> list) {
        Grid<PersonFile.Enrollment> grid = new Grid<>();
        grid.setId("person-enrollments");
        grid.addColumn(PersonFile.Enrollment::year)
                .setHeader(getTranslation("persons.year"))
                .setAutoWidth(true);
        grid.addColumn(e -> getTranslation("person.scheme." + e.scheme()))
                .setHeader(getTranslation("person.scheme"))
                .setAutoWidth(true);
        grid.addColumn(e -> getTranslation("person.place." + e.place())
                        + (e.insuredRegion() == null ? "" : " " + e.insuredRegion()))
                .setHeader(getTranslation("person.place"))
                .setAutoWidth(true);
        grid.addColumn(e -> text(e.paidDate()))
                .setHeader(getTranslation("person.paidDate"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.amount() == null ? "" : e.amount().toPlainString())
                .setHeader(getTranslation("person.amount"))
                .setAutoWidth(true);
        grid.setEmptyStateText(getTranslation("person.noEnrollments"));
        grid.setItems(list);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private Grid<PersonFile.Payment> payments(List<PersonFile.Payment> list) {
        Grid<PersonFile.Payment> grid = new Grid<>();
        grid.setId("person-payments");
        grid.addColumn(PersonFile.Payment::year)
                .setHeader(getTranslation("persons.year"))
                .setAutoWidth(true);
        grid.addColumn(p -> getTranslation("person.scheme." + p.scheme()))
                .setHeader(getTranslation("person.scheme"))
                .setAutoWidth(true);
        grid.addColumn(p -> text(p.paidDate()))
                .setHeader(getTranslation("person.paidDate"))
                .setAutoWidth(true);
        grid.addColumn(p -> p.amount().toPlainString())
                .setHeader(getTranslation("person.amount"))
                .setAutoWidth(true);
        grid.addColumn(PersonFile.Payment::receiptNo)
                .setHeader(getTranslation("person.receipt"))
                .setAutoWidth(true);
        grid.setItems(list);
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** A plain vertical list, newest first: when, what, and by whom or which import. */
    private Component timeline(List<TimelineEntry> entries) {
        VerticalLayout list = new VerticalLayout();
        list.setId("person-timeline");
        list.setPadding(false);
        list.setSpacing(false);
        if (entries.isEmpty()) {
            list.add(new Span(getTranslation("person.noTimeline")));
        }
        for (TimelineEntry e : entries) {
            Span when = new Span(time.format(e.at()));
            when.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            Span source = new Span(source(e));
            source.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            Div entry = new Div(when, new Div(new Span(what(e))), source);
            entry.addClassNames(
                    LumoUtility.Padding.Vertical.SMALL, LumoUtility.Border.BOTTOM, LumoUtility.BorderColor.CONTRAST_10);
            entry.setWidthFull();
            list.add(entry);
        }
        return list;
    }

    private String what(TimelineEntry e) {
        if (e.kind() == TimelineEntry.Kind.PAYMENT) {
            return getTranslation(
                    "timeline.payment", String.valueOf(e.year()), e.amount().toPlainString(), e.receiptNo());
        }
        String field = getTranslation("timeline.field." + e.field());
        if (field.startsWith("!")) {
            field = e.field();
        }
        if ("created".equals(e.field())) {
            return field;
        }
        return e.oldValue() == null
                ? getTranslation("timeline.set", field, e.newValue())
                : getTranslation("timeline.change", field, e.oldValue(), e.newValue() == null ? "" : e.newValue());
    }

    private String source(TimelineEntry e) {
        String by = e.changedBy() == null ? "" : e.changedBy();
        if (e.importId() == null) {
            return by;
        }
        return getTranslation(
                "timeline.import",
                String.valueOf(e.importId()),
                e.importKind() == null ? "" : getTranslation(e.importKind().messageKey()),
                e.importFileName() == null ? "" : e.importFileName(),
                by);
    }

    private Div fact(String id, String labelKey, String value) {
        Span label = new Span(getTranslation(labelKey));
        label.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        Span content = new Span(value == null || value.isBlank() ? "—" : value);
        content.setId(id);
        Div fact = new Div(label, content);
        fact.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        fact.setMinWidth("10em");
        return fact;
    }

    private Div card(String labelKey, String value) {
        return new SummaryCard(getTranslation(labelKey), value);
    }

    private static Span badge(String text, String variant) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(variant.isEmpty() ? "badge" : "badge " + variant);
        return badge;
    }

    private String place(PersonFile.Place place) {
        if (place == null) {
            return null;
        }
        return (place.name() == null ? "" : place.name() + " · ") + place.code();
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
