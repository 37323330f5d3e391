package cn.canbao.task.ui;

import cn.canbao.task.InboxTask;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.Locale;

/**
 * A task's name as the user reads it. The BPMN names are Chinese (the diagrams are the county's documents) and carry
 * details from the process (a region, a bulletin's number); in another language the task reads its label from the
 * bundle, {@code task.name.<task definition key>}, the details standing on the card. A task without a label keeps
 * its BPMN name.
 */
public final class TaskNames {

    private TaskNames() {}

    public static String of(Component where, InboxTask task) {
        // the UI's language (a card is built before it is attached)
        Locale locale = where.getUI()
                .or(() -> java.util.Optional.ofNullable(UI.getCurrent()))
                .map(UI::getLocale)
                .orElse(null);
        if (task.taskDefinitionKey() == null || locale == null || "zh".equals(locale.getLanguage())) {
            return task.name();
        }
        String key = "task.name." + task.taskDefinitionKey();
        String label = where.getTranslation(key);
        // the provider marks a missing key as "!key"
        return label == null || label.equals("!" + key) ? task.name() : label;
    }
}
