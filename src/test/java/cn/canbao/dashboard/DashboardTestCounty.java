package cn.canbao.dashboard;

import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.TestCounty;
import cn.canbao.register.TestIds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A county of its own for the dashboard tests, with seven residents whose figures are known by heart:
 * 看板测试县 with 丁镇 (丁一村 with two grids, 丁二村) and 戊乡 (戊一村).
 * <pre>
 * 0 丁一村/网格1  insured this year locally        4 丁二村/网格   lapsed (paid last year), mobile
 * 1 丁一村/网格1  insured this year elsewhere      5 household 丁二村, living in 戊一村's grid, uninsured, mobile
 * 2 丁一村/网格2  lapsed, mobile                   6 戊一村/网格   insured this year
 * 3 丁一村/网格2  uninsured, no mobile
 * </pre>
 */
@Component
public class DashboardTestCounty {

    static final TestCounty AREA = new TestCounty("350597");
    public static final String COUNTY = AREA.code();
    public static final String TOWNSHIP_1 = AREA.township(1);
    public static final String TOWNSHIP_2 = AREA.township(2);
    public static final String VILLAGE_1 = AREA.village(1, 1);
    public static final String VILLAGE_2 = AREA.village(1, 2);
    public static final String VILLAGE_3 = AREA.village(2, 1);
    public static final String GRID_11 = AREA.grid(1, 1);
    /** 丁一村's second grid. */
    public static final String GRID_12 = VILLAGE_1 + "002";

    public static final String GRID_21 = AREA.grid(1, 2);
    public static final String GRID_31 = AREA.grid(2, 1);
    public static final String CLERK = "clerk.dashboard";

    private final CountyRegister register;

    DashboardTestCounty(CountyRegister register) {
        this.register = register;
    }

    /** The residents' ID numbers, 0 … 6 as in the table above. */
    public static String id(int i) {
        return TestIds.id("350597", LocalDate.of(1980, 4, 1 + i), 301 + 2 * i);
    }

    /** Creates the county and imports its residents (idempotent: a second call changes nothing). */
    public void ensure(int year) {
        List<NewRegion> tree = new ArrayList<>(
                AREA.tree("看板测试县", new TestCounty.Township("丁镇", "丁一村", "丁二村"), new TestCounty.Township("戊乡", "戊一村")));
        tree.add(NewRegion.grid(GRID_12, "丁一村第二网格", VILLAGE_1, GridKind.COMMUNITY, null, null, true));
        register.load(
                tree,
                CLERK,
                "dashboard-people.csv",
                line(0, "甲", VILLAGE_1, VILLAGE_1, GRID_11, "13700137000")
                        + line(1, "乙", VILLAGE_1, VILLAGE_1, GRID_11, "13700137001")
                        + line(2, "丙", VILLAGE_1, VILLAGE_1, GRID_12, "13700137002")
                        + line(3, "丁", VILLAGE_1, VILLAGE_1, GRID_12, "")
                        + line(4, "戊", VILLAGE_2, VILLAGE_2, GRID_21, "13700137004")
                        + line(5, "己", VILLAGE_2, VILLAGE_3, GRID_31, "13700137005")
                        + line(6, "庚", VILLAGE_3, VILLAGE_3, GRID_31, "13700137006"),
                "dashboard-insured-" + year + ".csv",
                id(0) + ",甲," + year + ",居民,本地\n"
                        + id(1) + ",乙," + year + ",居民,异地\n"
                        + id(2) + ",丙," + (year - 1) + ",居民,本地\n"
                        + id(4) + ",戊," + (year - 1) + ",居民,本地\n"
                        + id(6) + ",庚," + year + ",职工,本地\n");
    }

    private static String line(int i, String name, String household, String residence, String grid, String mobile) {
        return id(i) + "," + name + ",在册,2000-01-01," + household + "," + residence + "," + grid + "," + mobile + "\n";
    }
}
