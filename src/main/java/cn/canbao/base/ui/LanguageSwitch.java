package cn.canbao.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinService;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** 中文 / English: remembered in a cookie and, once logged in, in the user's profile. */
public class LanguageSwitch extends Select<Locale> {

    public LanguageSwitch(Optional<UserPreferences> preferences) {
        setItems(CanbaoI18NProvider.CHINESE, CanbaoI18NProvider.ENGLISH);
        // each language by its own name, and a label in both: found by whoever is in the wrong language
        setItemLabelGenerator(l -> l.equals(CanbaoI18NProvider.ENGLISH) ? "English" : "中文");
        setValue(CanbaoI18NProvider.supported(UI.getCurrent().getLocale().toLanguageTag()));
        setWidth("7.5em");
        setId("language-switch");
        getElement().setAttribute("aria-label", "语言 / Language");
        addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                Cookie cookie = new Cookie(LocaleSetup.COOKIE, e.getValue().toLanguageTag());
                cookie.setPath("/");
                cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
                cookie.setHttpOnly(true);
                VaadinService.getCurrentResponse().addCookie(cookie);
                preferences.ifPresent(p -> p.saveLocale(e.getValue()));
                UI.getCurrent().setLocale(e.getValue());
                UI.getCurrent().getPage().reload();
            }
        });
    }
}
