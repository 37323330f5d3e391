package cn.canbao.security.login;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every password login (the form and HTTP Basic) goes through here: first the {@link LoginThrottle}, which
 * refuses a locked account name or address before any password check; then the usual check; then the
 * outcome is counted. The client address is the request's remote address ({@code getRemoteAddr()}): a
 * forwarded-for header counts only when a trusted proxy is configured (see application.yml, {@code server.*}).
 */
public class ThrottledAuthenticationProvider extends DaoAuthenticationProvider {

    private final LoginThrottle throttle;

    public ThrottledAuthenticationProvider(UserDetailsService users, LoginThrottle throttle) {
        super(users);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        LoginThrottle.Check check = throttle.check(username, address);
        try {
            Authentication result = super.authenticate(authentication);
            throttle.succeeded(check);
            return result;
        } catch (InternalAuthenticationServiceException e) {
            throw e; // the database failed, not the caller
        } catch (AuthenticationException e) {
            throttle.failed(check, username, reason(e));
            throw e;
        }
    }

    /** Why a login failed, for the audit log only: the caller is told the same for all of these. */
    private static String reason(AuthenticationException e) {
        if (e instanceof UsernameNotFoundException) {
            return "unknown account";
        }
        if (e instanceof BadCredentialsException) {
            return "wrong password";
        }
        if (e instanceof DisabledException) {
            return "account disabled (the password matched)";
        }
        if (e instanceof RegionRevokedException revoked) {
            return "bound to revoked region " + revoked.regionCode() + " (the password matched)";
        }
        return e.getClass().getSimpleName();
    }
}
