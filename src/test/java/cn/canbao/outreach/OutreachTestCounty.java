package cn.canbao.outreach;

import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.SystemAccess;
import java.util.List;
import org.springframework.stereotype.Component;

/** A county of its own for the outreach tests: one township, two villages, a grid in each. */
@Component
public class OutreachTestCounty {

    public static final String COUNTY = "350594000000";
    public static final String TOWNSHIP = "350594101000";
    public static final String VILLAGE_1 = "350594101001";
    public static final String VILLAGE_2 = "350594101002";
    public static final String GRID_1 = VILLAGE_1 + "001";
    public static final String GRID_2 = VILLAGE_2 + "001";

    private final RegionService regions;

    OutreachTestCounty(RegionService regions) {
        this.regions = regions;
    }

    public void ensure() {
        SystemAccess.run(() -> regions.createMissing(List.of(
                NewRegion.region(COUNTY, "催缴测试县", RegionLevel.COUNTY, "350500000000", null, true),
                NewRegion.region(TOWNSHIP, "丙镇", RegionLevel.TOWNSHIP, COUNTY, null, true),
                NewRegion.region(VILLAGE_1, "丙一村", RegionLevel.VILLAGE, TOWNSHIP, null, true),
                NewRegion.region(VILLAGE_2, "丙二村", RegionLevel.VILLAGE, TOWNSHIP, null, true),
                NewRegion.grid(GRID_1, "丙一村第一网格", VILLAGE_1, GridKind.COMMUNITY, null, null, true),
                NewRegion.grid(GRID_2, "丙二村第一网格", VILLAGE_2, GridKind.COMMUNITY, null, null, true))));
    }
}
