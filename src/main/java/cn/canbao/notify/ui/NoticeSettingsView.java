package cn.canbao.notify.ui;

import cn.canbao.base.ui.FormRow;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.notify.NoticeChannel;
import cn.canbao.notify.NotifyPreferences;
import cn.canbao.notify.NotifyPreferences.Preference;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * 通知设置: every user sets how they hear of new tasks, their morning digest and leaders' matters (their own settings
 * only), and an admin, county or township leader the default channel of a region of their subtree.
 * {@link NotifyPreferences} enforces the rules whatever the screen offers.
 */
@Route("notices")
@Menu(title = "menu.notices", order = 93, icon = "vaadin:bell")
@PermitAll
class NoticeSettingsView extends TitledView {

    private final NotifyPreferences preferences;

    NoticeSettingsView(NotifyPreferences preferences, RegionService regions) {
        super("title.notices");
        this.preferences = preferences;
        Preference mine = preferences.mine();
        LocalTime[] defaults = preferences.defaultQuietHours();

        Select<NoticeChannel> channel = channelSelect("notices-channel", List.of(NoticeChannel.values()));
        channel.setLabel(getTranslation("notices.channel"));
        channel.setValue(mine.channel());
        // Selects only: the committed production bundle loads no checkbox or time picker on a route of its own
        Select<Boolean> optedOut = new Select<>();
        optedOut.setId("notices-opted-out");
        optedOut.setLabel(getTranslation("notices.optOut"));
        optedOut.setItems(false, true);
        optedOut.setItemLabelGenerator(out -> getTranslation(out ? "notices.optedOut" : "notices.receiving"));
        optedOut.setValue(mine.optedOut());
        Select<LocalTime> quietStart = timeSelect("notices-quiet-start", "notices.quietStart", mine.quietStart());
        Select<LocalTime> quietEnd = timeSelect("notices-quiet-end", "notices.quietEnd", mine.quietEnd());
        Button save = new Button(
                getTranslation("notices.save"),
                e -> Messages.attempt(this, () -> {
                    preferences.setMine(new Preference(
                            channel.getValue(), optedOut.getValue(), quietStart.getValue(), quietEnd.getValue()));
                    Notification.show(getTranslation("notices.saved"));
                }));
        save.setId("notices-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(
                new H2(getTranslation("menu.notices")),
                new Paragraph(getTranslation("notices.intro")),
                FormRow.of(channel, optedOut),
                new Paragraph(getTranslation("notices.quietHint", defaults[0], defaults[1])),
                FormRow.of(quietStart, quietEnd, save));

        CanbaoUser me = CurrentUser.require();
        if (me.hasRole(Role.ADMIN) || me.hasRole(Role.COUNTY_LEADER) || me.hasRole(Role.TOWNSHIP_LEADER)) {
            // the user's region, its townships and villages, in the order of their codes (a township, then its
            // villages); a grid's channel is set over REST (/api/notify/regions/{code})
            List<Region> choices = new ArrayList<>();
            regions.findUnscoped(me.regionCode()).ifPresent(choices::add);
            if (me.regionLevel() != RegionLevel.TOWNSHIP) {
                choices.addAll(regions.descendantsAtLevel(me.regionCode(), RegionLevel.TOWNSHIP));
            }
            choices.addAll(regions.descendantsAtLevel(me.regionCode(), RegionLevel.VILLAGE));
            choices.sort(java.util.Comparator.comparing(Region::code));
            ComboBox<Region> region = new ComboBox<>();
            region.setLabel(getTranslation("notices.region"));
            region.setId("notices-region");
            region.setWidth("24em");
            region.setItems(choices);
            region.setItemLabelGenerator(r -> Messages.withDetail(this, r.name(), r.code()));
            Select<NoticeChannel> regionChannel =
                    channelSelect("notices-region-channel", List.of(NoticeChannel.values()));
            regionChannel.setLabel(getTranslation("notices.regionChannel"));
            Paragraph robot = new Paragraph();
            region.addValueChangeListener(e -> {
                if (e.getValue() != null) {
                    regionChannel.setValue(
                            preferences.regionChannel(e.getValue().code()).orElse(NoticeChannel.DEFAULT));
                    robot.setText(getTranslation(
                            preferences.hasRobot(e.getValue().code()) ? "notices.robot.yes" : "notices.robot.no"));
                }
            });
            Button saveRegion = new Button(getTranslation("notices.save"), e -> {
                if (region.getValue() != null) {
                    Messages.attempt(this, () -> {
                        preferences.setRegionChannel(region.getValue().code(), regionChannel.getValue());
                        Notification.show(getTranslation("notices.saved"));
                    });
                }
            });
            saveRegion.setId("notices-region-save");
            add(
                    new H3(getTranslation("notices.regionTitle")),
                    new Paragraph(getTranslation("notices.regionIntro")),
                    FormRow.of(region, regionChannel, saveRegion),
                    robot);
            if (!choices.isEmpty()) {
                region.setValue(choices.get(0));
            }
        }
    }

    /** Half-hour times, and none (the defaults). */
    private Select<LocalTime> timeSelect(String id, String labelKey, LocalTime value) {
        Select<LocalTime> s = new Select<>();
        s.setId(id);
        s.setLabel(getTranslation(labelKey));
        List<LocalTime> times = new ArrayList<>();
        for (int m = 0; m < 24 * 60; m += 30) {
            times.add(LocalTime.of(m / 60, m % 60));
        }
        if (value != null && !times.contains(value)) {
            times.add(value);
            times.sort(null);
        }
        s.setItems(times);
        s.setEmptySelectionAllowed(true);
        s.setEmptySelectionCaption(getTranslation("notices.quietDefault"));
        s.setItemLabelGenerator(t -> t == null ? getTranslation("notices.quietDefault") : t.toString());
        s.setValue(value);
        return s;
    }

    private Select<NoticeChannel> channelSelect(String id, List<NoticeChannel> items) {
        Select<NoticeChannel> s = new Select<>();
        s.setId(id);
        s.setItems(items);
        s.setItemLabelGenerator(c -> getTranslation(c.messageKey()));
        return s;
    }
}
