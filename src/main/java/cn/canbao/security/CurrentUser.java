package cn.canbao.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The user behind the current request or job, read from Spring Security's context. */
public final class CurrentUser {

    private CurrentUser() {
    }

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

    /** Name for change logs and audit rows: the username, or "system". */
    public static String name() {
        return get().map(CanbaoUser::getUsername).orElse(isSystem() ? SystemAccess.SYSTEM : "anonymous");
    }
}
