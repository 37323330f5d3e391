package cn.canbao.security;

import cn.canbao.base.AccessRefused;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user behind the current request or job, read from Spring Security's context. */
public final class CurrentUser {

    private CurrentUser() {}

    public static Optional<CanbaoUser> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CanbaoUser user ? Optional.of(user) : Optional.empty();
    }

    public static CanbaoUser require() {
        return get().orElseThrow(() -> new AccessDeniedException("no logged-in user"));
    }

    /** Whether the current work runs as the system (jobs, loaders) rather than as a person. */
    public static boolean isSystem() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof SystemAccess.SystemAuthentication;
    }

    /**
     * The service is the door: the caller acting on a record of {@code regionCode} must be the system or a user
     * with one of {@code roles} whose region covers that code; otherwise {@link AccessRefused} (nothing done).
     * Region codes carry their ancestors' digits, so "covers" is a prefix test on the user's region.
     */
    public static void requireActing(String regionCode, Role... roles) {
        if (isSystem()) {
            return;
        }
        CanbaoUser user = get().orElseThrow(() -> new AccessDeniedException("no logged-in user"));
        boolean roleOk = Arrays.stream(roles).anyMatch(user::hasRole);
        if (!roleOk || regionCode == null || !covers(user, regionCode)) {
            throw new AccessRefused(regionCode);
        }
    }

    /** Whether the user's region is, or is an ancestor of, the region with this code. */
    public static boolean covers(CanbaoUser user, String regionCode) {
        String prefix = user.scope().codePrefix();
        return regionCode != null && regionCode.startsWith(prefix);
    }

    /** Name for change logs and audit rows: the username, or "system". */
    public static String name() {
        return get().map(CanbaoUser::getUsername).orElse(isSystem() ? SystemAccess.SYSTEM : "anonymous");
    }
}
