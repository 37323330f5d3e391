package cn.canbao.cadence;

import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.SystemAccess;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A small county of its own for the cadence tests, so counts are exact: 测试县 under the demo city with
 * two townships, three villages (two in the first township) and a grid each.
 */
@Component
public class CadenceTestCounty {

    public static final String COUNTY = "350599000000";
    public static final String TOWNSHIP_1 = "350599101000";
    public static final String TOWNSHIP_2 = "350599102000";
    public static final String VILLAGE_1 = "350599101001";
    public static final String VILLAGE_2 = "350599101002";
    public static final String VILLAGE_3 = "350599102001";

    private final RegionService regions;

    CadenceTestCounty(RegionService regions) {
        this.regions = regions;
    }

    /** Creates the county unless an earlier test did. */
    public void ensure() {
        SystemAccess.run(() -> regions.createMissing(List.of(
                NewRegion.region(COUNTY, "节奏测试县", RegionLevel.COUNTY, "350500000000", null, true),
                NewRegion.region(TOWNSHIP_1, "甲镇", RegionLevel.TOWNSHIP, COUNTY, null, true),
                NewRegion.region(TOWNSHIP_2, "乙乡", RegionLevel.TOWNSHIP, COUNTY, null, true),
                NewRegion.region(VILLAGE_1, "甲一村", RegionLevel.VILLAGE, TOWNSHIP_1, null, true),
                NewRegion.region(VILLAGE_2, "甲二村", RegionLevel.VILLAGE, TOWNSHIP_1, null, true),
                NewRegion.region(VILLAGE_3, "乙一村", RegionLevel.VILLAGE, TOWNSHIP_2, null, true),
                NewRegion.grid(VILLAGE_1 + "001", "甲一村第一网格", VILLAGE_1, GridKind.COMMUNITY, null, null, true),
                NewRegion.grid(VILLAGE_2 + "001", "甲二村第一网格", VILLAGE_2, GridKind.COMMUNITY, null, null, true),
                NewRegion.grid(VILLAGE_3 + "001", "乙一村第一网格", VILLAGE_3, GridKind.COMMUNITY, null, null, true))));
    }
}
