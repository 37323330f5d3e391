package cn.canbao.sms.ui;

import cn.canbao.base.ui.ChartOptions;
import cn.canbao.base.ui.EChart;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.SummaryCard;
import cn.canbao.base.ui.TitledView;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.sms.OptOutSource;
import cn.canbao.sms.SmsFigures;
import cn.canbao.sms.SmsOperations;
import cn.canbao.sms.SmsReports;
import cn.canbao.sms.SmsService;
import cn.canbao.sms.SmsTemplates;
import cn.canbao.sms.templates.SmsTemplate;
import cn.canbao.sms.templates.SmsText;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * 短信提醒: messages sent, delivered and failed per day and per township of the user's subtree, the outbox
 * backlog and the opt-outs; the county's clerk also edits the reminder texts (live character and segment
 * count, links refused) and records a resident's opt-out by ID number.
 */
@Route("sms")
@Menu(title = "menu.sms", order = 35, icon = "vaadin:envelope-o")
@RolesAllowed({"ADMIN", "CLERK", "COUNTY_LEADER", "TOWNSHIP_LEADER"})
class SmsView extends TitledView {

    private static final int DAYS = 30;
    private final DateTimeFormatter time;

    private final SmsReports reports;
    private final SmsService sms;
    private final SmsTemplates templates;
    private final CanbaoUser user = CurrentUser.require();
    private final FlexLayout summary = new FlexLayout();
    private final EChart chart = new EChart();
    private final Grid<SmsFigures.Tally> townships = new Grid<>();
    private final Grid<SmsFigures.OptOut> optOuts = new Grid<>();
    private final SmsOperations operations;
    private final Div pauseBanner = new Div();
    private final Grid<SmsOperations.Unresolved> unresolved = new Grid<>();
    private final Clock clock;

    SmsView(SmsReports reports, SmsService sms, SmsTemplates templates, SmsOperations operations, Clock clock) {
        super("title.sms");
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        this.reports = reports;
        this.sms = sms;
        this.templates = templates;
        this.operations = operations;
        setWidthFull();
        add(new H2(getTranslation("sms.title")));
        pauseBanner.setId("sms-paused");
        pauseBanner.addClassNames("canbao-alert");
        pauseBanner
                .getStyle()
                .set("border", "1px solid var(--lumo-error-color)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("color", "var(--lumo-error-text-color)")
                .set("background", "var(--lumo-error-color-10pct)");
        add(pauseBanner);
        boolean clerk = user.roles().contains(Role.CLERK) || user.roles().contains(Role.ADMIN);
        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.setId("sms-tabs");
        tabs.add(getTranslation("sms.tab.overview"), overview());
        tabs.add(getTranslation("sms.tab.optOuts"), optOutTab(clerk));
        if (clerk) {
            tabs.add(getTranslation("sms.tab.unresolved"), unresolvedTab());
        }
        if (clerk && RegionLevel.ofCode(user.regionCode()).orElse(null) == RegionLevel.COUNTY) {
            tabs.add(getTranslation("sms.tab.templates"), templateTab());
        }
        add(tabs);
        refresh();
    }

    private VerticalLayout overview() {
        summary.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        summary.addClassNames("canbao-summary");
        summary.setId("sms-summary");
        chart.setId("sms-chart");
        chart.setHeight("300px");
        townships.setId("sms-townships");
        townships
                .addColumn(SmsFigures.Tally::label)
                .setHeader(getTranslation("sms.township"))
                .setAutoWidth(true);
        count(townships, "sms.sent", SmsFigures.Tally::sent);
        count(townships, "sms.delivered", SmsFigures.Tally::delivered);
        count(townships, "sms.failed", SmsFigures.Tally::failed);
        count(townships, "sms.skipped", SmsFigures.Tally::skipped);
        townships.setAllRowsVisible(true);
        VerticalLayout layout =
                new VerticalLayout(summary, chart, new Span(getTranslation("sms.byTownship", DAYS)), townships);
        layout.setPadding(false);
        return layout;
    }

    private void count(Grid<SmsFigures.Tally> grid, String key, java.util.function.ToIntFunction<SmsFigures.Tally> f) {
        grid.addColumn(t -> f.applyAsInt(t))
                .setHeader(getTranslation(key))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
    }

    private VerticalLayout optOutTab(boolean clerk) {
        optOuts.setId("sms-opt-outs");
        optOuts.addColumn(SmsFigures.OptOut::maskedId)
                .setHeader(getTranslation("persons.idNumber"))
                .setAutoWidth(true);
        optOuts.addColumn(SmsFigures.OptOut::name)
                .setHeader(getTranslation("sms.name"))
                .setAutoWidth(true);
        optOuts.addColumn(o -> getTranslation(o.source().messageKey()))
                .setHeader(getTranslation("sms.optOutSource"))
                .setAutoWidth(true);
        optOuts.addColumn(SmsFigures.OptOut::recordedBy)
                .setHeader(getTranslation("sms.recordedBy"))
                .setAutoWidth(true);
        optOuts.addColumn(o -> time.format(o.recordedAt()))
                .setHeader(getTranslation("sms.recordedAt"))
                .setAutoWidth(true);
        VerticalLayout layout = new VerticalLayout();
        layout.setPadding(false);
        if (clerk) {
            TextField id = new TextField(getTranslation("persons.idNumber"));
            id.setId("sms-opt-out-id");
            id.setMaxLength(18);
            Select<OptOutSource> source = new Select<>();
            source.setLabel(getTranslation("sms.optOutSource"));
            source.setItems(OptOutSource.CLERK, OptOutSource.GRID_WORKER);
            source.setItemLabelGenerator(s -> getTranslation(s.messageKey()));
            source.setValue(OptOutSource.CLERK);
            Button record = new Button(getTranslation("sms.optOut.record"), e -> {
                Messages.attempt(this, () -> {
                    boolean changed =
                            sms.optOut(id.getValue(), source.getValue().name(), user.getUsername());
                    Messages.showSuccess(getTranslation(changed ? "sms.optOut.recorded" : "sms.optOut.already"));
                    id.clear();
                    refresh();
                });
            });
            record.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            record.setId("sms-opt-out-record");
            HorizontalLayout form = new HorizontalLayout(id, source, record);
            form.setAlignItems(Alignment.BASELINE);
            layout.add(form);
        }
        layout.add(optOuts);
        return layout;
    }

    /** Messages whose outcome the provider could not tell: the operator settles each one. */
    private VerticalLayout unresolvedTab() {
        unresolved.setId("sms-unresolved");
        unresolved
                .addColumn(SmsOperations.Unresolved::maskedId)
                .setHeader(getTranslation("persons.idNumber"))
                .setAutoWidth(true);
        unresolved
                .addColumn(SmsOperations.Unresolved::maskedMobile)
                .setHeader(getTranslation("sms.mobile"))
                .setAutoWidth(true);
        unresolved
                .addColumn(u -> u.lastAttempt() == null ? "" : time.format(u.lastAttempt()))
                .setHeader(getTranslation("sms.unresolved.lastAttempt"))
                .setAutoWidth(true);
        unresolved
                .addColumn(u -> u.attempts() + " / " + u.lookups())
                .setHeader(getTranslation("sms.unresolved.tries"))
                .setAutoWidth(true);
        unresolved
                .addColumn(SmsOperations.Unresolved::error)
                .setHeader(getTranslation("sms.unresolved.error"))
                .setFlexGrow(1);
        unresolved
                .addComponentColumn(u -> {
                    Button taken = new Button(
                            getTranslation("sms.unresolved.taken"), e -> settle(() -> operations.confirmTaken(u.id())));
                    taken.setId("sms-unresolved-taken-" + u.id());
                    Button again = new Button(
                            getTranslation("sms.unresolved.again"), e -> settle(() -> operations.sendAgain(u.id())));
                    again.setId("sms-unresolved-again-" + u.id());
                    again.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                    return new HorizontalLayout(taken, again);
                })
                .setAutoWidth(true);
        VerticalLayout layout = new VerticalLayout(new Span(getTranslation("sms.unresolved.help")), unresolved);
        layout.setPadding(false);
        return layout;
    }

    private void settle(Runnable action) {
        Messages.attempt(this, () -> {
            action.run();
            Messages.showSuccess(getTranslation("sms.unresolved.settled"));
            refresh();
        });
    }

    private void showPause() {
        pauseBanner.removeAll();
        var pause = operations.pause();
        pauseBanner.setVisible(pause.isPresent());
        pause.ifPresent(p -> {
            pauseBanner.add(new Span(getTranslation(
                    "sms.pause.banner",
                    time.format(p.since()),
                    p.code() == null ? "-" : p.code(),
                    p.reason() == null ? "" : p.reason())));
            if (user.roles().contains(Role.ADMIN)) {
                Button resume = new Button(getTranslation("sms.pause.resume"), e -> {
                    Messages.attempt(this, () -> {
                        operations.resume();
                        Messages.showSuccess(getTranslation("sms.pause.resumed"));
                        refresh();
                    });
                });
                resume.setId("sms-resume");
                resume.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
                resume.getStyle().set("margin-left", "var(--lumo-space-m)");
                pauseBanner.add(resume);
            }
        });
    }

    private VerticalLayout templateTab() {
        VerticalLayout layout = new VerticalLayout();
        layout.setPadding(false);
        layout.add(new Span(getTranslation(
                "sms.template.help",
                String.join(
                        "、",
                        SmsText.VARIABLES.stream()
                                .sorted()
                                .map(v -> "{" + v + "}")
                                .toList()))));
        boolean approved = templates.providerApproved();
        if (approved) {
            layout.add(new Span(getTranslation("sms.template.providerApprovedHelp")));
        }
        for (SmsTemplate t : templates.list(user.regionCode())) {
            TextArea body = new TextArea(getTranslation("sms.template." + t.templateKey()));
            body.setId("sms-template-" + t.templateKey());
            body.setWidthFull();
            body.setValueChangeMode(ValueChangeMode.EAGER);
            body.setValue(t.body());
            body.setReadOnly(approved);
            Span count = new Span();
            count.setId("sms-template-count-" + t.templateKey());
            body.addValueChangeListener(e -> showCount(count, e.getValue()));
            showCount(count, t.body());
            Button save = new Button(getTranslation("action.save"), e -> {
                Messages.attempt(this, () -> {
                    templates.save(user.regionCode(), t.templateKey(), body.getValue());
                    Messages.showSuccess(getTranslation("sms.template.saved"));
                });
            });
            save.setId("sms-template-save-" + t.templateKey());
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.setVisible(!approved);
            layout.add(body, count, save);
        }
        return layout;
    }

    /** Characters and segments as the provider bills them, and a warning when the text holds a link. */
    private void showCount(Span count, String text) {
        SmsText.Count c = SmsText.count(text);
        String line = getTranslation(
                c.unicode() ? "sms.template.countUnicode" : "sms.template.countGsm", c.characters(), c.segments());
        if (SmsText.containsUrl(text)) {
            line += " · " + getTranslation("sms.template.url");
        }
        count.setText(line);
    }

    private void refresh() {
        showPause();
        if (user.roles().contains(Role.CLERK) || user.roles().contains(Role.ADMIN)) {
            unresolved.setItems(operations.unresolved(200));
        }
        LocalDate from = LocalDate.now(clock).minusDays(DAYS - 1L);
        List<SmsFigures.Tally> days = reports.daily(from);
        SmsFigures.Backlog backlog = reports.backlog();
        int sent = days.stream().mapToInt(SmsFigures.Tally::sent).sum();
        int delivered = days.stream().mapToInt(SmsFigures.Tally::delivered).sum();
        int failed = days.stream().mapToInt(SmsFigures.Tally::failed).sum();
        summary.removeAll();
        summary.add(
                SummaryCard.of(getTranslation("sms.sent30", DAYS), String.valueOf(sent), "sms-sent"),
                SummaryCard.of(getTranslation("sms.delivered"), String.valueOf(delivered), "sms-delivered"),
                SummaryCard.of(getTranslation("sms.failed"), String.valueOf(failed), "sms-failed"),
                SummaryCard.of(getTranslation("sms.backlog"), String.valueOf(backlog.due()), "sms-backlog"),
                SummaryCard.of(getTranslation("sms.deferred"), String.valueOf(backlog.deferred()), "sms-deferred"),
                SummaryCard.of(getTranslation("sms.sending"), String.valueOf(backlog.sending()), "sms-sending"),
                SummaryCard.of(
                        getTranslation("sms.optOuts"), String.valueOf(reports.optOutCount()), "sms-opt-out-count"));
        chart.setVisible(!days.isEmpty());
        chart.setOption(ChartOptions.groupedBars(
                ChartOptions.grid(50, 20, 40, 40),
                ChartOptions.categories(
                        days.stream().map(SmsFigures.Tally::label).toList()),
                List.of(
                        ChartOptions.bars(
                                getTranslation("sms.sent"),
                                days.stream().map(SmsFigures.Tally::sent).toList()),
                        ChartOptions.bars(
                                getTranslation("sms.delivered"),
                                days.stream().map(SmsFigures.Tally::delivered).toList()),
                        ChartOptions.bars(
                                getTranslation("sms.failed"),
                                days.stream().map(SmsFigures.Tally::failed).toList()))));
        townships.setItems(reports.byTownship(from));
        optOuts.setItems(reports.optOuts(200));
    }
}
