package cn.canbao.bulletin.ui;

import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinService;
import cn.canbao.bulletin.export.BulletinExports;
import cn.canbao.bulletin.process.BulletinProcess;
import cn.canbao.task.TaskFormView;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;

/**
 * 审核并发布通报: the county leader reads the drafted bulletin (table, chart, PDF preview), writes their
 * remarks and publishes it; the task comes from the query parameter {@code taskId}.
 */
@Route("tasks/review-bulletin")
@RolesAllowed({"COUNTY_LEADER", "ADMIN"})
class ReviewBulletinView extends TaskFormView {

    private final BulletinService bulletins;
    private final BulletinExports exports;

    ReviewBulletinView(TaskInbox inbox, BulletinService bulletins, BulletinExports exports, Clock clock) {
        super("title.reviewBulletin", inbox, clock);
        this.bulletins = bulletins;
        this.exports = exports;
        setMaxWidth(null);
    }

    @Override
    protected void render() {
        Bulletin b = bulletins.bulletin(bulletins.bulletinOf(task.processInstanceId()));
        add(new H3(b.campaignName()));
        add(new BulletinPanel(b, bulletins.rows(b.id()), bulletins.groupRows(b.id()), exports, false, clock.getZone()));
        TextArea remarks = new TextArea(getTranslation("bulletin.remarks"));
        remarks.setId("bulletin-remarks");
        remarks.setHelperText(getTranslation("bulletin.remarksHint"));
        remarks.setMaxLength(BulletinService.REMARKS_MAX_LENGTH);
        remarks.setWidthFull();
        remarks.setMinHeight("8em");
        Button publish = new Button(
                getTranslation("bulletin.publish"),
                e -> complete(
                        Map.of(BulletinProcess.VAR_REMARKS, remarks.getValue()),
                        getTranslation("bulletin.published", Integer.toString(b.number())),
                        "bulletins/" + b.campaignId() + "/" + b.number()));
        publish.setId("bulletin-publish");
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(remarks, publish);
    }
}
