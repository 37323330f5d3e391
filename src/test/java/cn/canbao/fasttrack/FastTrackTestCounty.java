package cn.canbao.fasttrack;

import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.SystemAccess;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A county of its own for the fast-track tests (no campaign runs in it, so its enrollment year is the
 * calendar year): four townships, one per test (the fourth: BirthCertificateIT), each with two villages of one grid.
 */
@Component
class FastTrackTestCounty {

    static final String COUNTY = "350598000000";

    private final RegionService regions;

    FastTrackTestCounty(RegionService regions) {
        this.regions = regions;
    }

    static String township(int t) {
        return "3505981" + String.format("%02d", t) + "000";
    }

    static String village(int t, int v) {
        return "3505981" + String.format("%02d", t) + String.format("%03d", v);
    }

    static String grid(int t, int v) {
        return village(t, v) + "001";
    }

    void ensure() {
        List<NewRegion> batch = new ArrayList<>();
        batch.add(NewRegion.region(COUNTY, "快速通道测试县", RegionLevel.COUNTY, "350500000000", null, true));
        for (int t = 1; t <= 4; t++) {
            batch.add(NewRegion.region(township(t), "测试" + t + "镇", RegionLevel.TOWNSHIP, COUNTY, null, true));
            for (int v = 1; v <= 2; v++) {
                batch.add(NewRegion.region(
                        village(t, v), "测试" + t + "镇" + v + "村", RegionLevel.VILLAGE, township(t), null, true));
                batch.add(NewRegion.grid(
                        grid(t, v), "测试" + t + "镇" + v + "村网格", village(t, v), GridKind.COMMUNITY, null, null, true));
            }
        }
        SystemAccess.run(() -> regions.createMissing(batch));
    }
}
