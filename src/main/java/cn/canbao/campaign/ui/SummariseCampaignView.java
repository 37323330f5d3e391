package cn.canbao.campaign.ui;

import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.process.CampaignProcess;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;

/** 撰写行动总结: the county leader writes the campaign's summary, which closes it. */
@Route("tasks/summarise-campaign")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class SummariseCampaignView extends TaskFormView {

    private final CampaignService campaigns;

    SummariseCampaignView(TaskInbox inbox, CampaignService campaigns, Clock clock) {
        super("title.summariseCampaign", inbox, clock);
        this.campaigns = campaigns;
    }

    @Override
    protected void render() {
        Campaign c = campaigns.get(recordId());
        add(new Paragraph(
                getTranslation("campaign.summary.explain", c.name(), c.collectionStart(), c.collectionEnd())));
        TextArea summary = new TextArea(getTranslation("campaign.summary"));
        summary.setId("campaign-summary");
        summary.setWidthFull();
        summary.setMinHeight("12em");
        Button done = new Button(
                getTranslation("campaign.summary.submit"),
                e -> complete(Map.of(CampaignProcess.VAR_SUMMARY, summary.getValue()), "campaign.summary.saved"));
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        done.setId("campaign-summary-submit");
        add(summary, done);
    }
}
