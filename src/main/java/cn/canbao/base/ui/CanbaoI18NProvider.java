package cn.canbao.base.ui;

import com.vaadin.flow.i18n.I18NProvider;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Vaadin's translations come from the same bundles as the services' messages
 * ({@code i18n/messages*.properties}): Chinese first, English available.
 */
@Component
public class CanbaoI18NProvider implements I18NProvider {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private final MessageSource messages;

    CanbaoI18NProvider(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(CHINESE, ENGLISH);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return messages.getMessage(key, params, "!" + key, locale == null ? CHINESE : locale);
    }

    /** The supported locale closest to a language tag; Chinese unless English is asked for. */
    public static Locale supported(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en") ? ENGLISH : CHINESE;
    }
}
