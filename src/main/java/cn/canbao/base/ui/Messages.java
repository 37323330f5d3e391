package cn.canbao.base.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.StoredMessage;
import cn.canbao.base.Translatable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/** Domain refusals rendered in the user's language, with translatable arguments translated too. */
public final class Messages {

    private Messages() {}

    public static String of(Component where, DomainException refusal) {
        Object[] args = Arrays.stream(refusal.args())
                .map(a -> a instanceof Translatable t ? where.getTranslation(t.messageKey()) : a)
                .toArray();
        return where.getTranslation(refusal.messageKey(), args);
    }

    /** A stored text ({@link StoredMessage}) in the user's language; data and older texts as they are. */
    public static String stored(Component where, String text) {
        return StoredMessage.parse(text)
                .map(m -> where.getTranslation(m.messageKey(), m.args()))
                .orElse(text);
    }

    /** Items as the user's language lists them: 甲、乙 in Chinese, "a, b" in English. */
    public static String list(Component where, Collection<?> items) {
        return items.stream()
                .map(String::valueOf)
                .collect(Collectors.joining(where.getTranslation("text.listSeparator")));
    }

    /** Clauses one after another: 甲；乙 in Chinese, "a; b" in English. */
    public static String clauses(Component where, Collection<?> items) {
        return items.stream()
                .map(String::valueOf)
                .collect(Collectors.joining(where.getTranslation("text.clauseSeparator")));
    }

    /** A label and its value: 说明：… in Chinese, "Note: …" in English. */
    public static String labelled(Component where, String label, Object value) {
        return where.getTranslation("text.labelled", label, String.valueOf(value));
    }

    /** A text with a detail in brackets: 行动（2026） in Chinese, "Campaign (2026)" in English (numbers as written). */
    public static String withDetail(Component where, Object text, Object detail) {
        return where.getTranslation("text.withDetail", String.valueOf(text), String.valueOf(detail));
    }

    /**
     * Runs what the user asked for (a button's service call and what follows it); a refusal stops it there and is
     * shown as an error notification, the screen stays as it is.
     */
    public static void attempt(Component where, Runnable action) {
        try {
            action.run();
        } catch (DomainException refused) {
            showError(where, refused);
        }
    }

    /** Shows a refusal as an error notification in the middle of the screen. */
    public static void showError(Component where, DomainException refusal) {
        showError(of(where, refusal));
    }

    public static void showError(String text) {
        Notification n = Notification.show(text, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    public static void showSuccess(String text) {
        Notification n = Notification.show(text, 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
