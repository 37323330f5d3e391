package cn.canbao.security;

import cn.canbao.base.ui.ShellUser;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.security.web.UserSessions;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The logged-in user: who they are, the region or grid they are bound to, and their roles. */
public final class CanbaoUser implements UserDetails, CredentialsContainer, ShellUser, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String username;
    private final String displayName;
    private String passwordHash;
    private final String regionCode;
    private final String regionName;
    private final String regionPath;
    private final RegionLevel regionLevel;
    private final boolean regionRevoked;
    private final Set<Role> roles;
    private final boolean enabled;
    /** Mutable: the language switch changes it for the rest of the session, not only in the table. */
    private volatile String locale;
    /**
     * {@code app_user.sessions_valid_after} as it was when this user logged in. A session lives while the
     * column still holds this value: disabling, a password reset or new roles change it (see {@link UserSessions}).
     */
    private volatile Instant sessionsValidAfter;

    public CanbaoUser(
            String username,
            String displayName,
            String passwordHash,
            String regionCode,
            String regionName,
            String regionPath,
            RegionLevel regionLevel,
            boolean regionRevoked,
            Set<Role> roles,
            boolean enabled,
            String locale,
            Instant sessionsValidAfter) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.regionCode = regionCode;
        this.regionName = regionName;
        this.regionPath = regionPath;
        this.regionLevel = regionLevel;
        this.regionRevoked = regionRevoked;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.enabled = enabled;
        this.locale = locale;
        this.sessionsValidAfter = sessionsValidAfter;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String regionName() {
        return regionName;
    }

    @Override
    public List<String> roleMessageKeys() {
        return roles.stream().map(Role::messageKey).toList();
    }

    public String regionCode() {
        return regionCode;
    }

    public RegionLevel regionLevel() {
        return regionLevel;
    }

    public boolean regionRevoked() {
        return regionRevoked;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public String locale() {
        return locale;
    }

    void preferLocale(String languageTag) {
        this.locale = languageTag;
    }

    public Instant sessionsValidAfter() {
        return sessionsValidAfter;
    }

    /** Keeps this session alive across a change of {@code sessions_valid_after} its own user made. */
    public void keepSessionValidAfter(Instant validAfter) {
        this.sessionsValidAfter = validAfter;
    }

    /**
     * The subtree of the user's region; nothing at all for a user holding only {@linkplain Role#assignmentScoped()
     * assignment-scoped} roles (a cadre, a supervisor), who see only what their assignments grant.
     */
    public RegionScope scope() {
        return Role.onlyAssignmentScoped(roles) ? RegionScope.nothing() : new RegionScope(regionCode, regionPath);
    }

    /**
     * The Camunda groups of this user: one per role ({@code township-leader}), one per role at the
     * user's region ({@code township-leader:350525101000}), the region's ({@code region:350525101000})
     * and, unless the user is only a volunteer, cadre or supervisor, the one that reads the instances of the region's subtree
     * ({@code within:350525101000}).
     */
    public List<String> camundaGroups() {
        List<String> groups = new ArrayList<>();
        for (Role role : roles) {
            groups.add(role.groupId());
            groups.add(role.groupAt(regionCode));
        }
        groups.add(Role.regionGroup(regionCode));
        if (roles.stream().anyMatch(r -> r != Role.VOLUNTEER && !r.assignmentScoped())) {
            groups.add(Role.withinGroup(regionCode));
        }
        return groups;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanbaoUser other && other.username.equals(username);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return username + "@" + regionCode + roles;
    }
}
