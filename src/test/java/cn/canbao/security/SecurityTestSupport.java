package cn.canbao.security;

import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/** Creates users for tests and runs code as them, through the real services. */
@Component
public class SecurityTestSupport {

    public static final String PASSWORD = "test-pass-2025";

    private final UserService users;
    private final UserDetailsService details;
    private final RegionService regions;

    SecurityTestSupport(UserService users, UserDetailsService details, RegionService regions) {
        this.users = users;
        this.details = details;
        this.regions = regions;
    }

    /**
     * Runs the work as an unsaved user with one role at a region (e.g. the leader of each of 22 townships,
     * without creating 22 accounts): the services see exactly what they would for a real one.
     */
    public <T> T actingAt(String regionCode, Role role, Supplier<T> work) {
        Region region = regions.findUnscoped(regionCode).orElseThrow();
        CanbaoUser user = new CanbaoUser(
                role.name().toLowerCase(java.util.Locale.ROOT) + "@" + regionCode,
                region.name(),
                null,
                region.code(),
                region.name(),
                region.path(),
                region.level(),
                false,
                Set.of(role),
                true,
                "zh-CN",
                null);
        return asPrincipal(user, work);
    }

    public void actingAt(String regionCode, Role role, Runnable work) {
        actingAt(regionCode, role, () -> {
            work.run();
            return null;
        });
    }

    /** Creates the user (as the system) unless it exists; the password is {@link #PASSWORD}. */
    public String ensureUser(String username, String regionCode, Role... roles) {
        SystemAccess.run(() -> {
            if (users.list(username, 0, 200).stream()
                    .noneMatch(u -> u.username().equals(username))) {
                users.create(new NewUser(username, "测试 " + username, regionCode, Set.of(roles), null, PASSWORD));
            }
        });
        return username;
    }

    /**
     * Makes the calling test thread the system's until {@link #endSystem()} (for tests that call services as a job
     * would, e.g. in {@code @BeforeEach}/{@code @AfterEach}); services refuse a caller that is nobody.
     */
    public static void beginSystem() {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new SystemAccess.SystemAuthentication());
        SecurityContextHolder.setContext(context);
    }

    public static void endSystem() {
        SecurityContextHolder.clearContext();
    }

    /** Runs the work as the given user, as if they were logged in. */
    public <T> T as(String username, Supplier<T> work) {
        return asPrincipal(details.loadUserByUsername(username), work);
    }

    private <T> T asPrincipal(org.springframework.security.core.userdetails.UserDetails user, Supplier<T> work) {
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
