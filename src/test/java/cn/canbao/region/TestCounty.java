package cn.canbao.region;

import cn.canbao.demo.YongchunSeed;
import cn.canbao.security.SystemAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * A county of a test's own under 泉州市, so that no other test's rows are in its figures. Its codes follow from its
 * six-digit prefix the way real codes do: township t is prefix + 1tt + 000, its village v prefix + 1tt + vvv, and a
 * village's grid (one community grid, named after the village) the village's code + 001.
 */
public record TestCounty(String prefix) {

    /** A township's name and the names of its villages, in the order of their numbers. */
    public record Township(String name, String... villages) {}

    public String code() {
        return prefix + "000000";
    }

    public String township(int t) {
        return prefix + "1" + String.format("%02d", t) + "000";
    }

    public String village(int t, int v) {
        return prefix + "1" + String.format("%02d%03d", t, v);
    }

    public String grid(int t, int v) {
        return village(t, v) + "001";
    }

    /** Creates the county with its townships, villages and a grid in each village, as the system, unless it exists. */
    public void create(RegionService regions, String name, Township... townships) {
        SystemAccess.run(() -> regions.createMissing(tree(name, townships)));
    }

    /** The same without grids, for tests of villages that have none yet. */
    public void createWithoutGrids(RegionService regions, String name, Township... townships) {
        SystemAccess.run(() -> regions.createMissing(regions(name, false, townships)));
    }

    /** The regions {@link #create} creates, the county first, for fixtures that create them with more. */
    public List<NewRegion> tree(String name, Township... townships) {
        return regions(name, true, townships);
    }

    private List<NewRegion> regions(String name, boolean grids, Township... townships) {
        List<NewRegion> all = new ArrayList<>();
        all.add(NewRegion.region(code(), name, RegionLevel.COUNTY, YongchunSeed.CITY_CODE, null, true));
        for (int t = 1; t <= townships.length; t++) {
            all.add(NewRegion.region(township(t), townships[t - 1].name(), RegionLevel.TOWNSHIP, code(), null, true));
            String[] villages = townships[t - 1].villages();
            for (int v = 1; v <= villages.length; v++) {
                all.add(NewRegion.region(village(t, v), villages[v - 1], RegionLevel.VILLAGE, township(t), null, true));
                if (grids) {
                    all.add(NewRegion.grid(
                            grid(t, v), villages[v - 1] + "第一网格", village(t, v), GridKind.COMMUNITY, null, null, true));
                }
            }
        }
        return all;
    }
}
