package cn.canbao.demo;

import cn.canbao.security.Role;
import java.util.List;
import java.util.Set;

/** One demo user per role, bound where that role works in the demo county. */
final class DemoUsers {

    /** Where a demo user sits: the county, the first township, its first village or first grid. */
    enum Place {
        COUNTY,
        TOWNSHIP,
        VILLAGE,
        GRID
    }

    record DemoUser(String username, String displayName, Place place, Role role) {
        Set<Role> roles() {
            return Set.of(role);
        }
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("admin", "系统管理员（演示）", Place.COUNTY, Role.ADMIN),
            new DemoUser("operator", "运维人员（演示）", Place.COUNTY, Role.OPERATOR),
            new DemoUser("county.leader", "县领导（演示）", Place.COUNTY, Role.COUNTY_LEADER),
            new DemoUser("clerk", "医保经办（演示）", Place.COUNTY, Role.CLERK),
            new DemoUser("township.leader", "桃城镇主官（演示）", Place.TOWNSHIP, Role.TOWNSHIP_LEADER),
            new DemoUser("village.cadre", "村居干部（演示）", Place.VILLAGE, Role.VILLAGE_CADRE),
            new DemoUser("grid.worker", "网格员（演示）", Place.GRID, Role.GRID_WORKER),
            new DemoUser("volunteer", "宣传志愿者（演示）", Place.VILLAGE, Role.VOLUNTEER),
            // see nothing until the township leader assigns villages (包村干部) or the county leader adds them to the
            // campaign's team (联合督导组)
            new DemoUser("township.cadre", "包村干部（演示）", Place.TOWNSHIP, Role.TOWNSHIP_CADRE),
            new DemoUser("supervisor", "督导组成员（演示）", Place.COUNTY, Role.SUPERVISOR));

    private DemoUsers() {}
}
