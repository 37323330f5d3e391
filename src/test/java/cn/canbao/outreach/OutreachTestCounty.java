package cn.canbao.outreach;

import cn.canbao.region.RegionService;
import cn.canbao.region.TestCounty;
import org.springframework.stereotype.Component;

/** A county of its own for the outreach tests: one township, two villages, a grid in each. */
@Component
public class OutreachTestCounty {

    static final TestCounty AREA = new TestCounty("350594");
    public static final String COUNTY = AREA.code();
    public static final String TOWNSHIP = AREA.township(1);
    public static final String VILLAGE_1 = AREA.village(1, 1);
    public static final String VILLAGE_2 = AREA.village(1, 2);
    public static final String GRID_1 = AREA.grid(1, 1);
    public static final String GRID_2 = AREA.grid(1, 2);

    private final RegionService regions;

    OutreachTestCounty(RegionService regions) {
        this.regions = regions;
    }

    public void ensure() {
        AREA.create(regions, "催缴测试县", new TestCounty.Township("丙镇", "丙一村", "丙二村"));
    }
}
