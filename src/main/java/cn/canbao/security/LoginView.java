package cn.canbao.security;

import cn.canbao.base.ui.LanguageSwitch;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.WebAttributes;

import java.util.Optional;

/**
 * The login page. Wrong password and unknown user get the same message (no hint which usernames
 * exist); a disabled account or one bound to a revoked region gets its own, after the password matched.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("登录 · 参保通")
@AnonymousAllowed
class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassNames("canbao-login");

        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n(null));
        form.setId("login-form");

        H1 title = new H1(getTranslation("app.title"));
        Paragraph subtitle = new Paragraph(getTranslation("login.subtitle"));
        add(new LanguageSwitch(Optional.empty()), title, subtitle, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            Object failure = VaadinSession.getCurrent().getSession()
                    .getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            form.setI18n(i18n(messageKeyFor(failure)));
            form.setError(true);
        }
    }

    /** The message a failed login shows, by what failed. */
    static String messageKeyFor(Object failure) {
        if (failure instanceof RegionRevokedException) {
            return "login.error.regionRevoked";
        }
        if (failure instanceof DisabledException) {
            return "login.error.disabled";
        }
        if (failure instanceof BadCredentialsException || failure instanceof UsernameNotFoundException) {
            return "login.error.badCredentials";
        }
        return "login.error.other";
    }

    private LoginI18n i18n(String errorKey) {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Form f = i18n.getForm();
        f.setTitle(getTranslation("login.title"));
        f.setUsername(getTranslation("login.username"));
        f.setPassword(getTranslation("login.password"));
        f.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation(errorKey == null ? "login.error.badCredentials" : errorKey));
        error.setUsername(getTranslation("login.error.usernameRequired"));
        error.setPassword(getTranslation("login.error.passwordRequired"));
        return i18n;
    }
}
