package cn.canbao.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.function.Supplier;

/** Creates users for tests and runs code as them, through the real services. */
@Component
public class SecurityTestSupport {

    public static final String PASSWORD = "test-pass-2025";

    private final UserService users;
    private final UserDetailsService details;

    SecurityTestSupport(UserService users, UserDetailsService details) {
        this.users = users;
        this.details = details;
    }

    /** Creates the user (as the system) unless it exists; the password is {@link #PASSWORD}. */
    public String ensureUser(String username, String regionCode, Role... roles) {
        SystemAccess.run(() -> {
            if (users.list(username, 0, 1).stream().noneMatch(u -> u.username().equals(username))) {
                users.create(new NewUser(username, "测试 " + username, regionCode, Set.of(roles), null, PASSWORD));
            }
        });
        return username;
    }

    /** Runs the work as the given user, as if they were logged in. */
    public <T> T as(String username, Supplier<T> work) {
        var user = details.loadUserByUsername(username);
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public void as(String username, Runnable work) {
        as(username, () -> {
            work.run();
            return null;
        });
    }
}
