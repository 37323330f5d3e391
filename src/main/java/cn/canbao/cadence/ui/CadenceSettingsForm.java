package cn.canbao.cadence.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.cadence.CadenceService;
import cn.canbao.cadence.CadenceSettings;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.timepicker.TimePicker;
import java.time.Duration;

/** The county leader's settings of a campaign's cadence: when villages report, how often townships and the county. */
class CadenceSettingsForm extends Composite<FormLayout> {

    private final CadenceService cadence;
    private final long campaignId;
    private final DatePicker firstDay = new DatePicker();
    private final TimePicker villageTime = new TimePicker();
    private final IntegerField villageWindow = hours();
    private final IntegerField townshipEvery = days();
    private final IntegerField townshipWindow = hours();
    private final IntegerField countyEvery = days();
    private final Checkbox skipWeekends = new Checkbox();

    CadenceSettingsForm(CadenceService cadence, long campaignId) {
        this.cadence = cadence;
        this.campaignId = campaignId;
        FormLayout form = getContent();
        form.setId("cadence-settings");
        villageTime.setStep(Duration.ofMinutes(30));
        skipWeekends.setLabel(getTranslation("cadence.skipWeekends"));
        skipWeekends.setId("cadence-skip-weekends");
        form.addFormItem(firstDay, getTranslation("cadence.firstDay"));
        form.addFormItem(villageTime, getTranslation("cadence.villageTime"));
        form.addFormItem(villageWindow, getTranslation("cadence.villageWindow"));
        form.addFormItem(townshipEvery, getTranslation("cadence.townshipEvery"));
        form.addFormItem(townshipWindow, getTranslation("cadence.townshipWindow"));
        form.addFormItem(countyEvery, getTranslation("cadence.countyEvery"));
        form.add(skipWeekends);
        Button save = new Button(getTranslation("cadence.save"), e -> save());
        save.setId("cadence-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        form.add(save);
        show(cadence.settings(campaignId));
    }

    private void show(CadenceSettings s) {
        firstDay.setValue(s.firstDay());
        villageTime.setValue(s.villageTime());
        villageWindow.setValue(s.villageWindowHours());
        townshipEvery.setValue(s.townshipEveryDays());
        townshipWindow.setValue(s.townshipWindowHours());
        countyEvery.setValue(s.countyEveryDays());
        skipWeekends.setValue(s.skipWeekends());
    }

    private void save() {
        Messages.attempt(this, () -> {
            show(cadence.configure(
                    campaignId,
                    new CadenceSettings(
                            firstDay.getValue(),
                            villageTime.getValue(),
                            value(villageWindow),
                            value(townshipEvery),
                            value(townshipWindow),
                            value(countyEvery),
                            skipWeekends.getValue())));
            Messages.showSuccess(getTranslation("cadence.saved"));
        });
    }

    private static int value(IntegerField field) {
        return field.getValue() == null ? 0 : field.getValue();
    }

    private static IntegerField hours() {
        IntegerField f = new IntegerField();
        f.setMin(1);
        f.setMax(120);
        f.setStepButtonsVisible(true);
        return f;
    }

    private static IntegerField days() {
        IntegerField f = new IntegerField();
        f.setMin(1);
        f.setMax(60);
        f.setStepButtonsVisible(true);
        return f;
    }
}
