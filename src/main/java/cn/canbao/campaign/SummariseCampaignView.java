package cn.canbao.campaign;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Map;

/** 撰写行动总结: the county leader writes the campaign's summary, which closes it. */
@Route("tasks/summarise-campaign")
@PageTitle("行动总结 · 参保通")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class SummariseCampaignView extends VerticalLayout implements BeforeEnterObserver {

    private final TaskInbox inbox;
    private final CampaignService campaigns;

    SummariseCampaignView(TaskInbox inbox, CampaignService campaigns) {
        this.inbox = inbox;
        this.campaigns = campaigns;
        setMaxWidth("960px");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        List<String> ids = event.getLocation().getQueryParameters().getParameters().getOrDefault("taskId", List.of());
        try {
            if (ids.isEmpty()) {
                add(new H2(getTranslation("taskForm.noTask")));
                return;
            }
            InboxTask task = inbox.get(ids.get(0));
            long id = ((Number) inbox.variables(task.id()).get(CampaignProcess.VAR_CAMPAIGN_ID)).longValue();
            Campaign c = campaigns.get(id);
            add(new H2(task.name()), new Paragraph(getTranslation("campaign.summary.explain", c.name(),
                    c.collectionStart(), c.collectionEnd())));
            TextArea summary = new TextArea(getTranslation("campaign.summary"));
            summary.setId("campaign-summary");
            summary.setWidthFull();
            summary.setMinHeight("12em");
            Button done = new Button(getTranslation("campaign.summary.submit"), e -> {
                try {
                    inbox.complete(task.id(), Map.of(CampaignProcess.VAR_SUMMARY, summary.getValue()));
                    Messages.showSuccess(getTranslation("campaign.summary.saved"));
                    UI.getCurrent().navigate("campaigns");
                } catch (DomainException refused) {
                    Messages.showError(this, refused);
                }
            });
            done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            done.setId("campaign-summary-submit");
            add(summary, done);
        } catch (DomainException refused) {
            add(new H2(Messages.of(this, refused)));
        }
    }
}
