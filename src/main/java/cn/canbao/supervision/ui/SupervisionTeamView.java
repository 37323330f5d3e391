package cn.canbao.supervision.ui;

import cn.canbao.base.ui.FormRow;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.security.CurrentUser;
import cn.canbao.supervision.SupervisionService;
import cn.canbao.supervision.SupervisionTeam;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;

/**
 * 联合督导组: the county leader sets up a campaign's joint supervision team, adds members from departments (users of
 * the county holding the supervisor role, or the bureau's clerks), removes them and dissolves the team.
 * {@link SupervisionService} enforces the rules whatever the screen offers.
 */
@Route("supervision")
@Menu(title = "menu.supervision", order = 17, icon = "vaadin:group")
@RolesAllowed({"COUNTY_LEADER"})
class SupervisionTeamView extends TitledView implements BeforeEnterObserver {

    private final SupervisionService teams;
    private final Select<Campaign> campaign = new Select<>();
    private final VerticalLayout team = new VerticalLayout();
    private final List<Campaign> own;

    SupervisionTeamView(SupervisionService teams, CampaignService campaigns) {
        super("title.supervisionTeam");
        this.teams = teams;
        setSizeFull();
        String county = CurrentUser.require().regionCode();
        own = campaigns.list().stream()
                .filter(c -> c.countyCode().equals(county))
                .toList();
        campaign.setId("supervision-campaign");
        campaign.setLabel(getTranslation("dashboard.campaign"));
        campaign.setItemLabelGenerator(c -> Messages.withDetail(this, c.name(), c.year()));
        campaign.setItems(own);
        campaign.addValueChangeListener(e -> show());
        team.setPadding(false);
        add(
                new H2(getTranslation("menu.supervision")),
                new Paragraph(getTranslation("supervision.intro")),
                campaign,
                team);
    }

    /** Opens {@code ?campaign=<id>} when given (and the county's), else the newest campaign not closed. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<String> requested = event.getLocation().getQueryParameters().getSingleParameter("campaign");
        own.stream()
                .filter(c ->
                        requested.map(id -> id.equals(Long.toString(c.id()))).orElse(c.phase() != CampaignPhase.CLOSED))
                .findFirst()
                .ifPresent(campaign::setValue);
    }

    private void show() {
        team.removeAll();
        Campaign c = campaign.getValue();
        if (c == null) {
            return;
        }
        Optional<SupervisionTeam> live =
                teams.teams(c.id()).stream().filter(SupervisionTeam::live).findFirst();
        if (live.isEmpty()) {
            if (c.phase() == CampaignPhase.CLOSED) {
                team.add(new Paragraph(getTranslation("supervision.campaignClosed")));
                return;
            }
            TextField name = new TextField(getTranslation("supervision.teamName"));
            name.setId("supervision-team-name");
            name.setValue(getTranslation("supervision.teamName.default"));
            Button setUp = new Button(
                    getTranslation("supervision.setUp"), e -> act(() -> teams.setUp(c.id(), name.getValue())));
            setUp.setId("supervision-set-up");
            setUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            team.add(FormRow.of(name, setUp));
            return;
        }
        SupervisionTeam t = live.get();
        team.add(new H3(t.name()));
        Grid<SupervisionTeam.Member> members = new Grid<>();
        members.setId("supervision-members");
        members.addColumn(SupervisionTeam.Member::displayName)
                .setHeader(getTranslation("users.displayName"))
                .setAutoWidth(true);
        members.addColumn(SupervisionTeam.Member::username)
                .setHeader(getTranslation("users.username"))
                .setAutoWidth(true);
        members.addColumn(SupervisionTeam.Member::department)
                .setHeader(getTranslation("supervision.department"))
                .setAutoWidth(true);
        members.addComponentColumn(m -> {
                    Button remove = new Button(
                            getTranslation("supervision.remove"),
                            e -> act(() -> teams.removeMember(t.id(), m.username())));
                    remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                    return remove;
                })
                .setHeader(getTranslation("users.actions"))
                .setAutoWidth(true);
        members.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        members.setAllRowsVisible(true);
        members.setItems(t.members());
        TextField username = new TextField(getTranslation("users.username"));
        username.setId("supervision-member-username");
        TextField department = new TextField(getTranslation("supervision.department"));
        department.setId("supervision-member-department");
        Button add = new Button(
                getTranslation("supervision.add"),
                e -> act(() -> teams.addMember(t.id(), username.getValue().trim(), department.getValue())));
        add.setId("supervision-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button dissolve = new Button(getTranslation("supervision.dissolve"), e -> act(() -> teams.dissolve(t.id())));
        dissolve.setId("supervision-dissolve");
        dissolve.addThemeVariants(ButtonVariant.LUMO_ERROR);
        team.add(members, FormRow.of(username, department, add), dissolve);
    }

    private void act(Runnable change) {
        Messages.attempt(this, () -> {
            change.run();
            show();
        });
    }
}
