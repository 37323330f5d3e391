package cn.canbao.base.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.servlet.http.Cookie;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Every UI starts in the user's language: their saved preference, else the language cookie set by
 * the switch on the login page, else Chinese (not the browser's language: Chinese first).
 */
@Component
class LocaleSetup implements VaadinServiceInitListener {

    static final String COOKIE = "canbao-lang";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().setLocale(initialLocale(VaadinRequest.getCurrent())));
    }

    static Locale initialLocale(VaadinRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ShellUser user && user.locale() != null) {
            return CanbaoI18NProvider.supported(user.locale());
        }
        return cookie(request).map(CanbaoI18NProvider::supported).orElse(CanbaoI18NProvider.CHINESE);
    }

    private static Optional<String> cookie(VaadinRequest request) {
        if (request == null || request.getCookies() == null) {
            return Optional.empty();
        }
        return Arrays.stream(request.getCookies())
                .filter(c -> COOKIE.equals(c.getName()))
                .map(Cookie::getValue)
                .findFirst();
    }
}
