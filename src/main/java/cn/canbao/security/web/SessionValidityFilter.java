package cn.canbao.security.web;

import cn.canbao.security.CanbaoUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a login session whose user was disabled, bound to a revoked region, or whose access changed since
 * the login (see {@link UserSessions}): the session is invalidated and the request goes on anonymous, so
 * pages redirect to the login. One primary-key lookup per request of a logged-in session; it is what makes
 * a change on one node end the sessions on all the others.
 */
class SessionValidityFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionValidityFilter.class);

    private final UserSessions sessions;
    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    SessionValidityFilter(UserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CanbaoUser user && !sessions.valid(user)) {
            log.info("Session of {} ended: access changed since the login", user.getUsername());
            logout.logout(request, response, auth);
        }
        chain.doFilter(request, response);
    }
}
