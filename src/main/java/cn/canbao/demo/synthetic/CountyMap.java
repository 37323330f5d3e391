package cn.canbao.demo.synthetic;

import cn.canbao.demo.DemoCountyHierarchy;
import cn.canbao.demo.YongchunSeed;
import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The villages and community grids of the demo hierarchy, in generation order, with weighted
 * choices of where people live: a grid within a village, and a village of the county for people
 * registered in one village and living in another (人户分离) — the county seat's communities draw most.
 */
final class CountyMap {

    /** A village or community with its community grids (codes and household populations). */
    record Village(String code, String name, YongchunSeed.Township township, int population, List<NewRegion> grids) {

        boolean community() {
            return name.endsWith("社区");
        }

        /** The name without 村/社区, as used in school names: 福兴社区 → 福兴. */
        String shortName() {
            return name.substring(0, name.length() - (community() ? 2 : 1));
        }
    }

    private static final int COMMUNITY_PULL = 3;

    private final Map<String, List<Village>> villagesByTownship = new LinkedHashMap<>();
    private final List<Village> all = new ArrayList<>();
    private final double[] cumulativePull;

    CountyMap() {
        List<NewRegion> regions = DemoCountyHierarchy.generate();
        Map<String, YongchunSeed.Township> townships = new LinkedHashMap<>();
        YongchunSeed.TOWNSHIPS.forEach(t -> townships.put(t.code(), t));
        Map<String, List<NewRegion>> gridsByVillage = new LinkedHashMap<>();
        for (NewRegion r : regions) {
            if (r.level() == RegionLevel.GRID && r.gridKind() == GridKind.COMMUNITY) {
                gridsByVillage
                        .computeIfAbsent(r.parentCode(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        for (NewRegion r : regions) {
            if (r.level() == RegionLevel.VILLAGE) {
                List<NewRegion> grids = gridsByVillage.getOrDefault(r.code(), List.of());
                Village village = new Village(
                        r.code(), r.name(), townships.get(r.parentCode()), r.householdPopulation(), List.copyOf(grids));
                all.add(village);
                villagesByTownship
                        .computeIfAbsent(r.parentCode(), k -> new ArrayList<>())
                        .add(village);
            }
        }
        cumulativePull = new double[all.size()];
        double sum = 0;
        for (int i = 0; i < all.size(); i++) {
            sum += all.get(i).population() * (all.get(i).community() ? COMMUNITY_PULL : 1);
            cumulativePull[i] = sum;
        }
    }

    List<Village> villagesOf(YongchunSeed.Township township) {
        return villagesByTownship.getOrDefault(township.code(), List.of());
    }

    List<Village> villages() {
        return all;
    }

    /** Another village of the county, drawn by population (communities pull more). */
    Village otherVillage(Village home, SplittableRandom random) {
        while (true) {
            Village v = all.get(pick(cumulativePull, random.nextDouble() * cumulativePull[cumulativePull.length - 1]));
            if (v != home) {
                return v;
            }
        }
    }

    /** A community grid of the village, drawn by the grids' populations. */
    static String grid(Village village, SplittableRandom random) {
        int target = random.nextInt(village.population());
        int sum = 0;
        for (NewRegion grid : village.grids()) {
            sum += grid.householdPopulation();
            if (target < sum) {
                return grid.code();
            }
        }
        return village.grids().get(village.grids().size() - 1).code();
    }

    /** The first index whose cumulative weight exceeds x. */
    static int pick(double[] cumulative, double x) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > x) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Cumulative sums of weights, for {@link #pick}. */
    static double[] cumulative(double... weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    /** One of the values, drawn by the cumulative weights. */
    static <T> T choose(List<T> values, double[] cumulative, SplittableRandom random) {
        return values.get(pick(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]));
    }
}
