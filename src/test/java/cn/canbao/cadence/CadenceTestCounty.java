package cn.canbao.cadence;

import cn.canbao.region.RegionService;
import cn.canbao.region.TestCounty;
import org.springframework.stereotype.Component;

/**
 * A small county of its own for the cadence tests, so counts are exact: 测试县 under the demo city with
 * two townships, three villages (two in the first township) and a grid each.
 */
@Component
public class CadenceTestCounty {

    static final TestCounty AREA = new TestCounty("350599");
    public static final String COUNTY = AREA.code();
    public static final String TOWNSHIP_1 = AREA.township(1);
    public static final String TOWNSHIP_2 = AREA.township(2);
    public static final String VILLAGE_1 = AREA.village(1, 1);
    public static final String VILLAGE_2 = AREA.village(1, 2);
    public static final String VILLAGE_3 = AREA.village(2, 1);

    private final RegionService regions;

    CadenceTestCounty(RegionService regions) {
        this.regions = regions;
    }

    /** Creates the county unless an earlier test did. */
    public void ensure() {
        AREA.create(
                regions, "节奏测试县", new TestCounty.Township("甲镇", "甲一村", "甲二村"), new TestCounty.Township("乙乡", "乙一村"));
    }
}
