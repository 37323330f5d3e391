package cn.canbao.policy.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.policy.RuleSetService;
import cn.canbao.policy.rules.PolicyRulesService;
import cn.canbao.policy.rules.RuleTable;
import cn.canbao.policy.rules.RuleVersion;
import cn.canbao.region.RegionService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * 政策规则: the rule sets per scheme year and place ({@link RuleSetsPanel}), the versions of the policy rules with the one in force per year marked, the tables of the
 * selected version as the DMN holds them (inputs, outputs, each rule with its annotation), and the
 * upload of a new version for a year, refused with the reason when it does not pass.
 */
@Route("policy-rules")
@Menu(title = "menu.policyRules", order = 92, icon = "vaadin:book")
@RolesAllowed({"ADMIN", "CLERK"})
class PolicyRulesView extends TitledView {

    private final DateTimeFormatter time;

    private final PolicyRulesService rules;
    private final Grid<RuleVersion> versions = new Grid<>();
    private final VerticalLayout tables = new VerticalLayout();
    private final IntegerField year = new IntegerField();
    private final Span uploadError = new Span();
    private final Clock clock;

    PolicyRulesView(PolicyRulesService rules, RuleSetService ruleSets, RegionService regions, Clock clock) {
        super("title.policyRules");
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        this.rules = rules;
        setWidthFull();
        add(new H2(getTranslation("policy.rules.title")));
        try {
            add(new RuleSetsPanel(ruleSets, regions, clock));
            List<RuleVersion> all = rules.versions();
            add(versionGrid(all), uploadForm());
            tables.setPadding(false);
            tables.setId("policy-tables");
            add(tables);
            all.stream().filter(RuleVersion::active).findFirst().ifPresent(versions::select);
        } catch (DomainException refused) {
            Span message = new Span(Messages.of(this, refused));
            message.setId("policy-rules-refused");
            add(message);
        }
    }

    private Grid<RuleVersion> versionGrid(List<RuleVersion> all) {
        versions.setId("policy-versions");
        versions.addColumn(RuleVersion::year)
                .setHeader(getTranslation("policy.rules.year"))
                .setAutoWidth(true);
        versions.addColumn(RuleVersion::version)
                .setHeader(getTranslation("policy.rules.version"))
                .setAutoWidth(true);
        versions.addColumn(v -> v.active() ? getTranslation("policy.rules.active") : "")
                .setHeader(getTranslation("policy.rules.state"))
                .setAutoWidth(true);
        versions.addColumn(v -> v.deployedAt() == null ? "" : time.format(v.deployedAt()))
                .setHeader(getTranslation("policy.rules.deployedAt"))
                .setAutoWidth(true);
        versions.addColumn(RuleVersion::fileName)
                .setHeader(getTranslation("policy.rules.file"))
                .setAutoWidth(true);
        versions.addColumn(v -> v.uploadedBy() == null ? getTranslation("policy.rules.bundled") : v.uploadedBy())
                .setHeader(getTranslation("policy.rules.uploadedBy"))
                .setAutoWidth(true);
        versions.setItems(all);
        versions.setAllRowsVisible(true);
        versions.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::showTables));
        return versions;
    }

    private VerticalLayout uploadForm() {
        year.setLabel(getTranslation("policy.rules.uploadYear"));
        year.setId("policy-upload-year");
        year.setMin(2000);
        year.setMax(2100);
        year.setStepButtonsVisible(true);
        year.setValue(LocalDate.now(clock).getYear() + 1);
        Upload upload = new Upload(handler());
        upload.setId("policy-upload");
        upload.setAcceptedFileTypes(".dmn", ".xml");
        upload.setMaxFileSize(PolicyRulesService.MAX_FILE_BYTES);
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("policy.rules.choose")));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("policy.rules.drop")));
        upload.setI18n(i18n);
        uploadError.setId("policy-upload-error");
        uploadError.addClassNames(LumoUtility.TextColor.ERROR);
        Paragraph hint = new Paragraph(getTranslation("policy.rules.uploadHint"));
        hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        VerticalLayout form = new VerticalLayout(
                new H3(getTranslation("policy.rules.upload")), hint, new HorizontalLayout(year, upload), uploadError);
        form.setPadding(false);
        return form;
    }

    private UploadHandler handler() {
        return event -> {
            Integer forYear = year.getValue();
            byte[] content;
            try (InputStream in = event.getInputStream()) {
                content = in.readAllBytes();
            }
            // called in the upload request, where the user's security context is
            String result;
            boolean ok;
            try {
                RuleVersion v = rules.upload(forYear == null ? 0 : forYear, event.getFileName(), content);
                result = getTranslation("policy.rules.uploaded", String.valueOf(v.year()), v.version());
                ok = true;
            } catch (DomainException refused) {
                result = Messages.of(this, refused);
                ok = false;
            }
            String text = result;
            boolean success = ok;
            event.getUI().access(() -> {
                uploadError.setText(success ? "" : text);
                if (success) {
                    Messages.showSuccess(text);
                    List<RuleVersion> all = rules.versions();
                    versions.setItems(all);
                    all.stream()
                            .filter(RuleVersion::active)
                            .filter(v -> v.year() == forYear)
                            .findFirst()
                            .ifPresent(versions::select);
                } else {
                    Messages.showError(text);
                }
            });
        };
    }

    private void reinstate(RuleVersion version) {
        Messages.attempt(this, () -> {
            RuleVersion v = rules.reinstate(version.deploymentId());
            Messages.showSuccess(getTranslation("policy.rules.reinstated", String.valueOf(v.year()), v.version()));
            List<RuleVersion> all = rules.versions();
            versions.setItems(all);
            all.stream()
                    .filter(r -> r.deploymentId().equals(v.deploymentId()))
                    .findFirst()
                    .ifPresent(versions::select);
        });
    }

    private void showTables(RuleVersion version) {
        tables.removeAll();
        tables.add(new H3(getTranslation("policy.rules.tablesOf", String.valueOf(version.year()), version.version())));
        if (!version.active()) {
            Button reinstate = new Button(getTranslation("policy.rules.reinstate"), e -> reinstate(version));
            reinstate.setId("policy-reinstate");
            tables.add(reinstate);
        }
        for (RuleTable t : rules.tables(version.deploymentId())) {
            Span title = new Span(t.name() + " (" + t.decisionKey() + ", " + t.hitPolicy() + ")");
            title.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
            Paragraph description = new Paragraph(t.description());
            description.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            tables.add(title, description, table(t));
        }
    }

    private Grid<RuleTable.Rule> table(RuleTable t) {
        Grid<RuleTable.Rule> grid = new Grid<>();
        grid.setId("policy-table-" + t.decisionKey());
        for (int i = 0; i < t.inputs().size(); i++) {
            int column = i;
            grid.addColumn(r -> r.inputEntries().get(column))
                    .setHeader(t.inputs().get(i))
                    .setAutoWidth(true);
        }
        for (int i = 0; i < t.outputs().size(); i++) {
            int column = i;
            grid.addColumn(r -> r.outputEntries().get(column))
                    .setHeader("→ " + t.outputs().get(i))
                    .setAutoWidth(true);
        }
        grid.addColumn(RuleTable.Rule::annotation)
                .setHeader(getTranslation("policy.rules.annotation"))
                .setAutoWidth(true);
        grid.setItems(t.rules());
        grid.setAllRowsVisible(true);
        return grid;
    }
}
