package cn.canbao.security.ui;

import cn.canbao.base.ui.LanguageSwitch;
import cn.canbao.base.ui.TitledView;
import cn.canbao.security.login.LoginThrottle;
import cn.canbao.security.login.LoginThrottledException;
import cn.canbao.security.login.RegionRevokedException;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.WebAttributes;

/**
 * The login page. Wrong password, unknown user and disabled account get the same message (no hint which
 * usernames exist or are disabled; the audit log says which); a lockout by the {@link LoginThrottle} the same
 * throttle message whatever the account; an account bound to a revoked region its own, after the password
 * matched, so its owner knows to ask for a new binding.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends TitledView implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    LoginView() {
        super("title.login");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassNames("canbao-login");

        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n(null, null));
        form.setId("login-form");

        H1 title = new H1(getTranslation("app.title"));
        Paragraph subtitle = new Paragraph(getTranslation("login.subtitle"));
        add(new LanguageSwitch(Optional.empty()), title, subtitle, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            Object failure =
                    VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            form.setI18n(i18n(
                    messageKeyFor(failure),
                    failure instanceof LoginThrottledException throttled ? throttled.retryAfterMinutes() : null));
            form.setError(true);
        }
    }

    /** The message a failed login shows, by what failed. */
    public static String messageKeyFor(Object failure) {
        if (failure instanceof LoginThrottledException) {
            return "login.error.throttled";
        }
        if (failure instanceof RegionRevokedException) {
            return "login.error.regionRevoked";
        }
        if (failure instanceof BadCredentialsException
                || failure instanceof UsernameNotFoundException
                || failure instanceof DisabledException) {
            return "login.error.badCredentials";
        }
        return "login.error.other";
    }

    private LoginI18n i18n(String errorKey, Object errorArg) {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Form f = i18n.getForm();
        f.setTitle(getTranslation("login.title"));
        f.setUsername(getTranslation("login.username"));
        f.setPassword(getTranslation("login.password"));
        f.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        String key = errorKey == null ? "login.error.badCredentials" : errorKey;
        error.setMessage(errorArg == null ? getTranslation(key) : getTranslation(key, errorArg));
        error.setUsername(getTranslation("login.error.usernameRequired"));
        error.setPassword(getTranslation("login.error.passwordRequired"));
        return i18n;
    }
}
