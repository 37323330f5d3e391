package cn.canbao.register.ui;

import cn.canbao.register.PersonFile;
import cn.canbao.register.PersonFileSection;
import cn.canbao.register.directory.PersonSources;
import cn.canbao.register.directory.RegisterSources;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.LocalDate;
import org.springframework.core.annotation.Order;

/**
 * The person file's part from the justice and employee-insurance extracts: custody (and that the person is left
 * out of targets and outreach while held) and stops of the employee insurance (and that resident insurance is due).
 * Nothing when neither extract names the person.
 */
@org.springframework.stereotype.Component
@Order(0)
class RegisterSourcesSection implements PersonFileSection {

    private final RegisterSources sources;

    RegisterSourcesSection(RegisterSources sources) {
        this.sources = sources;
    }

    @Override
    public Component render(PersonFile file) {
        PersonSources s = sources.of(file.idNumber());
        VerticalLayout section = new VerticalLayout();
        section.setId("person-sources");
        section.setPadding(false);
        section.setSpacing(false);
        if (s.custody().isEmpty() && s.suspensions().isEmpty()) {
            section.setVisible(false);
            return section;
        }
        section.add(new H3(section.getTranslation("person.sources")));
        s.custody()
                .forEach(c -> section.add(line(
                        "person-custody",
                        section.getTranslation(
                                c.heldToday() ? "person.custody.held" : "person.custody.released",
                                section.getTranslation("person.custody." + c.kind()),
                                text(c.since()),
                                text(c.until()),
                                c.institution() == null ? "" : c.institution()),
                        c.heldToday())));
        s.suspensions()
                .forEach(u -> section.add(line(
                        "person-suspension",
                        section.getTranslation(
                                u.dueForResident() ? "person.suspension.due" : "person.suspension.recorded",
                                text(u.suspendedOn()),
                                text(u.resumedOn()),
                                u.employer() == null ? "" : u.employer()),
                        u.dueForResident())));
        return section;
    }

    private static Div line(String className, String text, boolean stands) {
        Span span = new Span(text);
        if (stands) {
            span.addClassNames(LumoUtility.TextColor.ERROR);
        }
        Div line = new Div(span);
        line.addClassName(className);
        return line;
    }

    private static String text(LocalDate date) {
        return date == null ? "—" : date.toString();
    }
}
