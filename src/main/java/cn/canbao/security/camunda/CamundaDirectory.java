package cn.canbao.security.camunda;

import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.Role;
import cn.canbao.security.persistence.UserRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Users and groups as Camunda sees them, derived from our tables. Group ids:
 * {@code township-leader} (a role), {@code township-leader:350525101000} (a role at a region),
 * {@code region:350525101000} (everyone bound to a region), {@code within:350525101000} (those bound to
 * a region who may read its subtree's process instances), {@code region-admin} (admins).
 */
@Component
public class CamundaDirectory {

    static final String TYPE_ROLE = "WORKFLOW";
    static final String TYPE_REGION = "REGION";
    static final String TYPE_SYSTEM = "SYSTEM";
    static final String TYPE_SCOPE = "SCOPE";
    private static final Locale NAMES = Locale.SIMPLIFIED_CHINESE;

    private final UserRepository users;
    private final RegionService regions;
    private final MessageSource messages;

    CamundaDirectory(UserRepository users, RegionService regions, MessageSource messages) {
        this.users = users;
        this.regions = regions;
        this.messages = messages;
    }

    record DirectoryUser(
            String username, String displayName, String regionName, String regionPath, List<String> groups) {
        boolean inSubtree(String rootPath) {
            return regionPath.equals(rootPath) || regionPath.startsWith(rootPath + ".");
        }
    }

    record DirectoryGroup(String id, String name, String type, String regionPath) {
        boolean inSubtree(String rootPath) {
            return regionPath.equals(rootPath) || regionPath.startsWith(rootPath + ".");
        }
    }

    Optional<DirectoryUser> user(String username) {
        return users.findForLogin(username).map(this::toDirectoryUser);
    }

    List<DirectoryUser> users(Collection<String> usernames) {
        return users.findUsers(null, null, usernames).stream()
                .map(this::toDirectoryUser)
                .toList();
    }

    List<DirectoryUser> allUsers() {
        return users.findUsers(null, null, null).stream()
                .map(this::toDirectoryUser)
                .toList();
    }

    /** Members of a group id (any of the four kinds). */
    List<DirectoryUser> members(String groupId) {
        GroupId parsed = GroupId.parse(groupId);
        if (parsed == null) {
            return List.of();
        }
        return users.findUsers(parsed.role(), parsed.regionCode(), null).stream()
                .map(this::toDirectoryUser)
                .filter(u -> u.groups().contains(groupId))
                .toList();
    }

    List<DirectoryGroup> groupsOf(String username) {
        return users.findForLogin(username)
                .map(u -> u.camundaGroups().stream()
                        .map(this::group)
                        .flatMap(Optional::stream)
                        .toList())
                .orElse(List.of());
    }

    /** Role groups, plus region and role-at-region groups that have members. */
    List<DirectoryGroup> allGroups() {
        List<DirectoryGroup> groups = new ArrayList<>();
        Arrays.stream(Role.values()).forEach(r -> groups.add(roleGroup(r)));
        for (Map.Entry<Role, Region> held : users.rolesAtRegions()) {
            Role role = held.getKey();
            Region r = held.getValue();
            groups.add(
                    new DirectoryGroup(role.groupAt(r.code()), r.name() + " · " + roleName(role), TYPE_ROLE, r.path()));
            groups.add(
                    new DirectoryGroup(Role.regionGroup(r.code()), regionGroupName(r.name()), TYPE_REGION, r.path()));
            if (role != Role.VOLUNTEER && !role.assignmentScoped()) {
                groups.add(new DirectoryGroup(
                        Role.withinGroup(r.code()), withinGroupName(r.name()), TYPE_SCOPE, r.path()));
            }
        }
        return groups;
    }

    Optional<DirectoryGroup> group(String groupId) {
        GroupId parsed = GroupId.parse(groupId);
        if (parsed == null) {
            return Optional.empty();
        }
        if (parsed.regionCode() == null) {
            return Optional.of(roleGroup(parsed.role()));
        }
        Optional<Region> region = regions.findUnscoped(parsed.regionCode());
        if (parsed.within()) {
            return region.map(r -> new DirectoryGroup(groupId, withinGroupName(r.name()), TYPE_SCOPE, r.path()));
        }
        return region.map(r -> parsed.role() == null
                ? new DirectoryGroup(groupId, regionGroupName(r.name()), TYPE_REGION, r.path())
                : new DirectoryGroup(groupId, r.name() + " · " + roleName(parsed.role()), TYPE_ROLE, r.path()));
    }

    private DirectoryUser toDirectoryUser(CanbaoUser u) {
        return new DirectoryUser(
                u.getUsername(), u.displayName(), u.regionName(), u.scope().rootPath(), u.camundaGroups());
    }

    private DirectoryGroup roleGroup(Role role) {
        return new DirectoryGroup(
                role.groupId(),
                roleName(role),
                role == Role.ADMIN || role == Role.OPERATOR ? TYPE_SYSTEM : TYPE_ROLE,
                null);
    }

    private String roleName(Role role) {
        return messages.getMessage(role.messageKey(), null, role.name(), NAMES);
    }

    private String regionGroupName(String regionName) {
        return messages.getMessage("camunda.group.region", new Object[] {regionName}, regionName, NAMES);
    }

    private String withinGroupName(String regionName) {
        return messages.getMessage("camunda.group.within", new Object[] {regionName}, regionName, NAMES);
    }

    /** A parsed group id: role only, region only, role at region, or a region's subtree readers ({@code within}). */
    public record GroupId(Role role, String regionCode, boolean within) {
        public GroupId(Role role, String regionCode) {
            this(role, regionCode, false);
        }

        public static GroupId parse(String id) {
            if (id == null) {
                return null;
            }
            if (id.startsWith("region:")) {
                return new GroupId(null, id.substring("region:".length()));
            }
            if (id.startsWith(Role.WITHIN_PREFIX)) {
                return new GroupId(null, id.substring(Role.WITHIN_PREFIX.length()), true);
            }
            int colon = id.lastIndexOf(':');
            Role role = Role.ofGroupId(colon < 0 ? id : id.substring(0, colon));
            if (role == null) {
                return null;
            }
            return new GroupId(role, colon < 0 ? null : id.substring(colon + 1));
        }
    }
}
