package cn.canbao.security.web;

import cn.canbao.security.CanbaoUser;
import cn.canbao.security.persistence.UserRepository;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends the logged-in sessions of a user whose access changed (disabled, password reset or changed, new
 * roles), on every node. Sessions are per node (sticky), so two mechanisms:
 * <ul>
 * <li>the change sets {@code app_user.sessions_valid_after}; every request of a session compares it with the
 * value the session saw at login ({@link SessionValidityFilter}) and ends the session when it differs, when
 * the user is disabled or their region revoked — on whatever node the session lives, at its next request;</li>
 * <li>on this node, Spring Security's {@link SessionRegistry} expires the user's sessions at once.</li>
 * </ul>
 * The value is compared for equality, not with a login time, so neither node clocks nor a login racing a
 * reset can keep a session alive.
 */
@Component
public class UserSessions {

    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

    private final SessionRegistry registry;
    private final UserRepository users;

    UserSessions(SessionRegistry registry, UserRepository users) {
        this.registry = registry;
        this.users = users;
    }

    /** Ends every session of the user (call inside the transaction that changes their access). */
    public void endAll(String username) {
        users.endSessions(username);
        afterCommit(() -> expireOnThisNode(username, null));
    }

    /**
     * Ends the user's other sessions after they changed their own password: the session they did it in goes
     * on (they just proved the password), every other one — a forgotten browser, a stolen cookie — ends.
     */
    public void endOthers(CanbaoUser me) {
        Instant mark = users.endSessions(me.getUsername());
        String current = currentSessionId().orElse(null);
        afterCommit(() -> {
            me.keepSessionValidAfter(mark);
            expireOnThisNode(me.getUsername(), current);
        });
    }

    /** Whether a logged-in session of this user may go on. */
    boolean valid(CanbaoUser user) {
        return users.sessionStatus(user.getUsername())
                .filter(s -> s.enabled() && !s.regionRevoked())
                .filter(s -> Objects.equals(s.sessionsValidAfter(), user.sessionsValidAfter()))
                .isPresent();
    }

    private void expireOnThisNode(String username, String keep) {
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof CanbaoUser user && user.getUsername().equals(username)) {
                for (SessionInformation session : registry.getAllSessions(principal, false)) {
                    if (!session.getSessionId().equals(keep)) {
                        session.expireNow();
                        log.info("Session of {} expired", username);
                    }
                }
            }
        }
    }

    private static void afterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }

    private static Optional<String> currentSessionId() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.ofNullable(attributes.getRequest().getSession(false)).map(HttpSession::getId)
                : Optional.empty();
    }
}
