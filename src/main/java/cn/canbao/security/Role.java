package cn.canbao.security;

import cn.canbao.base.Translatable;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.camunda.CamundaAccessSetup;
import cn.canbao.security.camunda.ProcessInstanceGrants;
import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of SPEC §1, each valid at certain levels of the hierarchy, each also a Camunda group
 * ({@code groupId}) so process tasks can name them as candidate groups. No group id is Camunda's
 * {@code camunda-admin}: that group is always in the engine's {@code adminGroups}, whose members bypass
 * every authorization check; what each group may do is granted explicitly in {@link CamundaAccessSetup}.
 * <p>
 * A {@linkplain #rank() rank} orders roles held at the <em>same</em> region, for user administration:
 * <ol>
 * <li>{@link #ADMIN} and {@link #OPERATOR} (3): they run the system and the engine;</li>
 * <li>the leader of the level — {@link #COUNTY_LEADER}, {@link #TOWNSHIP_LEADER}, {@link #VILLAGE_CADRE} (2);</li>
 * <li>{@link #CLERK}, {@link #GRID_WORKER}, {@link #TOWNSHIP_CADRE} and {@link #SUPERVISOR} (1): staff (a clerk never
 * sits at a grid, a grid worker only there);</li>
 * <li>{@link #VOLUNTEER} (0).</li>
 * </ol>
 * At its own region a user grants and administers only roles ranked strictly below its highest; anything
 * strictly below its region is the next level's (see {@code UserService}). Ranks never compare regions.
 */
public enum Role implements Translatable {
    COUNTY_LEADER("county-leader", 2, EnumSet.of(RegionLevel.COUNTY)),
    TOWNSHIP_LEADER("township-leader", 2, EnumSet.of(RegionLevel.TOWNSHIP)),
    VILLAGE_CADRE("village-cadre", 2, EnumSet.of(RegionLevel.VILLAGE)),
    GRID_WORKER("grid-worker", 1, EnumSet.of(RegionLevel.GRID)),
    CLERK("clerk", 1, EnumSet.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)),
    VOLUNTEER("volunteer", 0, EnumSet.allOf(RegionLevel.class)),
    /**
     * 包村干部: a township cadre who answers for some villages of the township (永春方案: "建立乡镇干部包村、村（居）干部包组
     * （户）的考核机制，细化分解工作目标任务，确保任务到岗到人"). Bound to the township, sees nothing of it by the binding:
     * only the progress of the villages a township or county leader assigned (see {@link #assignmentScoped()}).
     */
    TOWNSHIP_CADRE("township-cadre", 1, EnumSet.of(RegionLevel.TOWNSHIP)),
    /**
     * 督导组成员: a member of a campaign's joint supervision team, possibly from another department (永春方案: "县医保局、
     * 税务局将联合组成督导组，不定期深入乡镇、村居指导解决征缴过程中存在的困难和问题"). Bound to the county, sees nothing of it
     * by the binding: the county's progress of a campaign while a team of it counts them in, read only.
     */
    SUPERVISOR("supervisor", 1, EnumSet.of(RegionLevel.COUNTY)),
    /** Runs the campaign's users and regions; in Camunda reads their subtree's instances, never changes the engine. */
    ADMIN("region-admin", 3, EnumSet.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)),
    /**
     * Runs the engine, not the campaign: deployments, Cockpit's deletes, job retries and incidents. Engine
     * objects (deployments, jobs) are not regional, so the role sits at the top of a deployment only.
     */
    OPERATOR("camunda-operator", 3, EnumSet.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY));

    public static final String WITHIN_PREFIX = "within:";

    private final String groupId;
    private final int rank;
    private final Set<RegionLevel> levels;

    Role(String groupId, int rank, Set<RegionLevel> levels) {
        this.groupId = groupId;
        this.rank = rank;
        this.levels = levels;
    }

    /** The order of roles at one region (see the class comment): higher administers lower. */
    public int rank() {
        return rank;
    }

    /** Whether only an admin may grant this role, or administer a user holding it, wherever it sits. */
    public boolean adminOnly() {
        return this == ADMIN || this == OPERATOR;
    }

    /**
     * Whether the role sees nothing through its region binding, only what an assignment grants (a cadre's villages, a
     * supervision team's campaign): a user holding only such roles has an empty region scope and no {@code within:}
     * group in Camunda, so every service that scopes by region refuses them; the dashboard asks the grants.
     */
    public boolean assignmentScoped() {
        return this == TOWNSHIP_CADRE || this == SUPERVISOR;
    }

    /** Whether every one of these roles is {@linkplain #assignmentScoped() assignment-scoped} (and there is one). */
    public static boolean onlyAssignmentScoped(Set<Role> roles) {
        return !roles.isEmpty() && roles.stream().allMatch(Role::assignmentScoped);
    }

    /** The highest rank among some roles; -1 for none. */
    public static int highestRank(Set<Role> roles) {
        return roles.stream().mapToInt(Role::rank).max().orElse(-1);
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
