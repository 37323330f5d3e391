package cn.canbao.security.login;

import cn.canbao.security.CanbaoUser;
import cn.canbao.security.LogSafe;
import cn.canbao.security.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * One log line per login attempt, saying why a failed one failed; successful logins are recorded. The audit
 * rows of failures and lockouts are written by the {@link LoginThrottle}.
 */
@Component
class LoginAudit {

    private static final Logger log = LoggerFactory.getLogger(LoginAudit.class);

    private final UserService users;

    LoginAudit(UserService users) {
        this.users = users;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof CanbaoUser user) {
            log.info("Login: {} ({}, region {})", user.getUsername(), user.roles(), user.regionCode());
            users.recordLogin(user.getUsername());
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Object name = event.getAuthentication().getPrincipal();
        Exception cause = event.getException();
        String reason;
        if (cause instanceof UsernameNotFoundException) {
            reason = "unknown user";
        } else if (cause instanceof RegionRevokedException revoked) {
            reason = "bound to revoked region " + revoked.regionCode();
        } else {
            reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        log.warn("Login refused for '{}': {}", LogSafe.of(name, 64), LogSafe.of(reason));
    }
}
