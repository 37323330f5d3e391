package cn.canbao.security;

import cn.canbao.base.Translatable;
import cn.canbao.region.RegionLevel;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of SPEC §1, each valid at certain levels of the hierarchy, each also a Camunda group
 * ({@code groupId}) so process tasks can name them as candidate groups. No group id is Camunda's
 * {@code camunda-admin}: that group is always in the engine's {@code adminGroups}, whose members bypass
 * every authorization check; what each group may do is granted explicitly in {@link CamundaAccessSetup}.
 */
public enum Role implements Translatable {
    COUNTY_LEADER("county-leader", EnumSet.of(RegionLevel.COUNTY)),
    TOWNSHIP_LEADER("township-leader", EnumSet.of(RegionLevel.TOWNSHIP)),
    VILLAGE_CADRE("village-cadre", EnumSet.of(RegionLevel.VILLAGE)),
    GRID_WORKER("grid-worker", EnumSet.of(RegionLevel.GRID)),
    CLERK("clerk", EnumSet.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)),
    VOLUNTEER("volunteer", EnumSet.allOf(RegionLevel.class)),
    /** Runs the campaign's users and regions; in Camunda reads their subtree's instances, never changes the engine. */
    ADMIN("region-admin", EnumSet.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)),
    /**
     * Runs the engine, not the campaign: deployments, Cockpit's deletes, job retries and incidents. Engine
     * objects (deployments, jobs) are not regional, so the role sits at the top of a deployment only.
     */
    OPERATOR("camunda-operator", EnumSet.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY));

    static final String WITHIN_PREFIX = "within:";

    private final String groupId;
    private final Set<RegionLevel> levels;

    Role(String groupId, Set<RegionLevel> levels) {
        this.groupId = groupId;
        this.levels = levels;
    }

    /** The Camunda group of everyone with this role, e.g. {@code township-leader} ({@code region-admin} for admins). */
    public String groupId() {
        return groupId;
    }

    /** The Camunda group of everyone with this role at one region, e.g. {@code township-leader:350525101000}. */
    public String groupAt(String regionCode) {
        return groupId + ":" + regionCode;
    }

    public boolean validAt(RegionLevel level) {
        return levels.contains(level);
    }

    /** Spring Security authority name, e.g. {@code ROLE_TOWNSHIP_LEADER}. */
    public String authority() {
        return "ROLE_" + name();
    }

    @Override
    public String messageKey() {
        return "role." + name();
    }

    public static Role ofGroupId(String groupId) {
        for (Role r : values()) {
            if (r.groupId.equals(groupId)) {
                return r;
            }
        }
        return null;
    }

    /** The Camunda group of all users bound to one region or grid. */
    public static String regionGroup(String regionCode) {
        return "region:" + regionCode;
    }

    /**
     * The Camunda group that may read the process instances of a region's subtree: the users bound to that
     * region who work with processes (every role but volunteers). Each instance is granted to this group of
     * its region and of every ancestor (see {@link ProcessInstanceGrants}).
     */
    public static String withinGroup(String regionCode) {
        return WITHIN_PREFIX + regionCode;
    }
}
