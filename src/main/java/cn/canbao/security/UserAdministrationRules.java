package cn.canbao.security;

import cn.canbao.region.Region;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may grant which roles where, and administer whom (SPEC §2: each level administers the next):
 * <ul>
 * <li>only in one's own subtree;</li>
 * <li>at a region strictly below one's own: any role valid there — the next level is one's to staff — except
 * {@link Role#ADMIN} and {@link Role#OPERATOR}, which only an admin grants;</li>
 * <li>at one's own region: only roles ranked strictly below one's highest ({@link Role#rank()}), so a county
 * clerk never makes a county leader, admin or operator, while a county admin may make a clerk or a leader;</li>
 * <li>another user is administered (password reset, enabling, disabling, roles) only when strictly below:
 * bound strictly inside one's subtree, or at one's own region with every role ranked below one's highest;
 * a user holding an admin-only role only by an admin; nobody administers themselves.</li>
 * </ul>
 */
final class UserAdministrationRules {

    private UserAdministrationRules() {}

    /** Refuses with {@code user.grant.outOfScope} (403 on the API) a role the actor may not grant there. */
    static void checkGrantable(CanbaoUser actor, Region region, Set<Role> roles) {
        for (Role role : roles) {
            if (!mayGrant(actor, region, role)) {
                throw new UserException("user.grant.outOfScope", role);
            }
        }
    }

    /** The roles the actor may grant at a region: valid at its level and allowed by the rules above. */
    static Set<Role> grantable(CanbaoUser actor, Region region) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (role.validAt(region.level()) && mayGrant(actor, region, role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** Refuses with {@code user.error.self} or {@code user.target.outOfScope} a user the actor may not administer. */
    static void checkAdministrable(CanbaoUser actor, UserAccount target) {
        if (actor.getUsername().equals(target.username())) {
            throw new UserException("user.error.self");
        }
        if (!mayAdminister(actor, target)) {
            throw new UserException("user.target.outOfScope", target.username());
        }
    }

    static boolean mayAdminister(CanbaoUser actor, UserAccount target) {
        if (actor.getUsername().equals(target.username()) || !actor.scope().covers(target.regionPath())) {
            return false;
        }
        if (target.roles().stream().anyMatch(Role::adminOnly) && !actor.hasRole(Role.ADMIN)) {
            return false;
        }
        boolean ownRegion = target.regionCode().equals(actor.regionCode());
        int rank = Role.highestRank(actor.roles());
        return !ownRegion || target.roles().stream().allMatch(r -> r.rank() < rank);
    }

    private static boolean mayGrant(CanbaoUser actor, Region region, Role role) {
        if (!actor.scope().covers(region.path())) {
            return false;
        }
        if (role.adminOnly() && !actor.hasRole(Role.ADMIN)) {
            return false;
        }
        boolean ownRegion = region.code().equals(actor.regionCode());
        return !ownRegion || role.rank() < Role.highestRank(actor.roles());
    }
}
