package cn.canbao.bulletin.ui;

import cn.canbao.base.ui.TitledView;
import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinService;
import cn.canbao.bulletin.export.BulletinExports;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 通报: the published bulletins of the campaigns the user can see (every level reads them; county
 * leaders and admins also see drafts), one at a time with its table, chart and PDF/Excel downloads.
 */
@Route("bulletins/:campaign?/:number?")
@Menu(title = "menu.bulletins", order = 20, icon = "vaadin:newspaper")
@PermitAll
class BulletinsView extends TitledView implements BeforeEnterObserver {

    private final BulletinService bulletins;
    private final CampaignService campaigns;
    private final BulletinExports exports;
    private final Clock clock;

    BulletinsView(BulletinService bulletins, CampaignService campaigns, BulletinExports exports, Clock clock) {
        super("title.bulletins");
        this.clock = clock;
        this.bulletins = bulletins;
        this.campaigns = campaigns;
        this.exports = exports;
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        showRoute(
                () -> show(event),
                () -> getTranslation("bulletin.notFound", event.getLocation().getPath()));
    }

    private void show(BeforeEnterEvent event) {
        List<Campaign> visible = campaigns.list();
        if (visible.isEmpty()) {
            add(new H2(getTranslation("bulletin.title")), new Paragraph(getTranslation("bulletin.noCampaigns")));
            return;
        }
        Optional<Long> requested = number(event, "campaign").map(Integer::longValue);
        Campaign campaign = requested
                .flatMap(id -> visible.stream().filter(c -> c.id() == id).findFirst())
                .orElseGet(() -> requested.isPresent() ? campaigns.get(requested.get()) : visible.get(0));
        List<Bulletin> list = bulletins.list(campaign.id());
        Optional<Bulletin> shown = number(event, "number")
                .map(n -> bulletins.get(campaign.id(), n))
                .or(() -> list.stream().findFirst());
        // the document's title (Bulletin#title) in the reader's language
        add(new H2(shown.map(b -> getTranslation(
                        "bulletin.heading", b.countyName(), b.campaignName(), String.valueOf(b.number())))
                .orElse(getTranslation("bulletin.title"))));
        add(selectors(visible, campaign, list, shown.orElse(null)));
        if (shown.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("bulletin.none"));
            none.setId("bulletin-none");
            add(none);
            return;
        }
        add(new BulletinPanel(
                shown.get(),
                bulletins.rows(shown.get().id()),
                bulletins.groupRows(shown.get().id()),
                exports,
                true,
                clock.getZone()));
    }

    private FlexLayout selectors(List<Campaign> visible, Campaign campaign, List<Bulletin> list, Bulletin shown) {
        Select<Campaign> campaignSelect = new Select<>();
        campaignSelect.setId("bulletin-campaign");
        campaignSelect.setLabel(getTranslation("bulletin.campaign"));
        campaignSelect.setItems(visible);
        campaignSelect.setItemLabelGenerator(c -> c.name() + " · " + c.countyName());
        campaignSelect.setValue(campaign);
        campaignSelect.setWidth("20em");
        campaignSelect.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                open(e.getValue().id(), null);
            }
        });
        Select<Bulletin> bulletinSelect = new Select<>();
        bulletinSelect.setId("bulletin-number");
        bulletinSelect.setLabel(getTranslation("bulletin.number"));
        bulletinSelect.setItems(list);
        bulletinSelect.setItemLabelGenerator(b -> getTranslation(
                        "bulletin.numberLabel",
                        Integer.toString(b.number()),
                        b.periodEnd().toString())
                + (b.published() ? "" : " · " + getTranslation(b.status().messageKey())));
        bulletinSelect.setEmptySelectionAllowed(false);
        bulletinSelect.setWidth("18em");
        if (shown != null) {
            bulletinSelect.setValue(shown);
        }
        bulletinSelect.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                open(campaign.id(), e.getValue().number());
            }
        });
        FlexLayout bar = new FlexLayout(campaignSelect, bulletinSelect);
        bar.addClassNames("bulletin-selectors");
        bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        return bar;
    }

    private static void open(long campaignId, Integer number) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("campaign", Long.toString(campaignId));
        if (number != null) {
            params.put("number", Integer.toString(number));
        }
        UI.getCurrent().navigate(BulletinsView.class, new RouteParameters(params));
    }

    private static Optional<Integer> number(BeforeEnterEvent event, String parameter) {
        return event.getRouteParameters().get(parameter).map(Integer::parseInt);
    }
}
