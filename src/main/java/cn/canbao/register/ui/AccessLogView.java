package cn.canbao.register.ui;

import cn.canbao.base.ui.TitledView;
import cn.canbao.register.directory.PersonAccess;
import cn.canbao.register.directory.PersonDirectory;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/** Admins read who opened which person's file when, newest first, by person (full ID number) or by user. */
@Route("access-log")
@Menu(title = "menu.accessLog", order = 95, icon = "vaadin:eye")
@RolesAllowed("ADMIN")
class AccessLogView extends TitledView {

    private final DateTimeFormatter time;

    AccessLogView(PersonDirectory directory, Clock clock) {
        super("title.accessLog");
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(clock.getZone());
        setSizeFull();
        TextField filter = new TextField();
        filter.setId("access-filter");
        filter.setPlaceholder(getTranslation("accessLog.filter"));
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("min(100%, 28em)");
        Span total = new Span();
        total.setId("access-count");

        Grid<PersonAccess> grid = new Grid<>();
        grid.setId("access-grid");
        grid.addColumn(a -> time.format(a.openedAt()))
                .setHeader(getTranslation("accessLog.when"))
                .setAutoWidth(true);
        grid.addColumn(PersonAccess::username)
                .setHeader(getTranslation("accessLog.user"))
                .setAutoWidth(true);
        grid.addColumn(PersonAccess::personName)
                .setHeader(getTranslation("persons.name"))
                .setAutoWidth(true);
        grid.addColumn(PersonAccess::maskedIdNumber)
                .setHeader(getTranslation("persons.idNumber"))
                .setAutoWidth(true);
        grid.addColumn(a -> purpose(a.purpose()))
                .setHeader(getTranslation("accessLog.purpose"))
                .setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("accessLog.empty"));
        grid.setItems(q -> directory.accessLog(filter.getValue(), q.getOffset(), q.getLimit()).stream(), q -> {
            int count = directory.countAccessLog(filter.getValue());
            total.setText(getTranslation("accessLog.count", count));
            return count;
        });
        grid.setSizeFull();
        grid.setMinHeight("18em");
        filter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        add(new H2(getTranslation("accessLog.title")), filter, total, grid);
        setFlexGrow(1, grid);
    }

    private String purpose(String code) {
        if (code == null) {
            return "";
        }
        String text = getTranslation("accessLog.purpose." + code);
        return text.startsWith("!") ? code : text;
    }
}
