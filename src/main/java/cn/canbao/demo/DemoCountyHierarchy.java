package cn.canbao.demo;

import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.Sector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates Yongchun's hierarchy deterministically (same seed, same tree): the real province, city
 * and county codes; the 22 townships of the attachment with their registered population; about
 * 300 villages and communities and about 1,700 grids below them (synthetic codes and names,
 * population split by seeded weights so every level adds up), plus nine industry grids.
 */
public final class DemoCountyHierarchy {

    public static final long SEED = 20230603L;
    private static final int VILLAGES_IN_COUNTY = 300;
    private static final int PEOPLE_PER_GRID = 340;
    private static final String FIRST = "东西南北上下前后新大小高龙凤仙石美福仁德安和兴茂桂金玉丰";
    private static final String SECOND = "山溪坑洋头岭林美安兴丰宅厝内湖田园坂洲峰埔坪阳岐";

    private DemoCountyHierarchy() {}

    public static List<NewRegion> generate() {
        Random random = new Random(SEED);
        List<NewRegion> all = new ArrayList<>();
        all.add(NewRegion.region(YongchunSeed.PROVINCE_CODE, "福建省", RegionLevel.PROVINCE, null, null, false));
        all.add(NewRegion.region(
                YongchunSeed.CITY_CODE, "泉州市", RegionLevel.CITY, YongchunSeed.PROVINCE_CODE, null, false));
        all.add(NewRegion.region(
                YongchunSeed.COUNTY_CODE,
                YongchunSeed.COUNTY_NAME,
                RegionLevel.COUNTY,
                YongchunSeed.CITY_CODE,
                YongchunSeed.REGISTERED_TOTAL,
                false));
        for (YongchunSeed.Township t : YongchunSeed.TOWNSHIPS) {
            all.add(NewRegion.region(
                    t.code(), t.name(), RegionLevel.TOWNSHIP, YongchunSeed.COUNTY_CODE, t.registered(), true));
            int villages = Math.max(
                    4, Math.round((float) t.registered() * VILLAGES_IN_COUNTY / YongchunSeed.REGISTERED_TOTAL));
            int[] villagePopulation = split(t.registered(), villages, random);
            Set<String> names = new HashSet<>();
            String townshipPrefix = t.code().substring(0, 9);
            // the first villages of a town seat are communities (社区), numbered 001…; villages from 201
            int communities = t.row() <= 2 || t.name().endsWith("街镇") ? Math.max(2, villages / 4) : 1;
            for (int v = 0; v < villages; v++) {
                boolean community = v < communities;
                String code = townshipPrefix + String.format("%03d", community ? v + 1 : 200 + v + 1);
                String name = uniqueName(random, names) + (community ? "社区" : "村");
                all.add(NewRegion.region(code, name, RegionLevel.VILLAGE, t.code(), villagePopulation[v], true));
                int grids = Math.max(1, Math.round((float) villagePopulation[v] / PEOPLE_PER_GRID));
                int[] gridPopulation = split(villagePopulation[v], grids, random);
                for (int g = 0; g < grids; g++) {
                    all.add(NewRegion.grid(
                            code + String.format("%03d", g + 1),
                            name + "第" + (g + 1) + "网格",
                            code,
                            GridKind.COMMUNITY,
                            null,
                            gridPopulation[g],
                            true));
                }
                if (t.row() == 1 && v == 0) {
                    // industry grids (行业网格) of the county sit with the county seat's first community
                    int n = 0;
                    for (Sector sector : Sector.values()) {
                        all.add(NewRegion.grid(
                                code + String.format("%03d", 901 + n++),
                                sectorName(sector) + "行业网格",
                                code,
                                GridKind.INDUSTRY,
                                sector,
                                null,
                                true));
                    }
                }
            }
        }
        return all;
    }

    /** Splits a total into n positive parts with seeded weights; the parts add up exactly. */
    static int[] split(int total, int n, Random random) {
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = 0.6 + random.nextDouble() * 0.8;
            sum += weights[i];
        }
        int[] parts = new int[n];
        int assigned = 0;
        for (int i = 0; i < n - 1; i++) {
            parts[i] = (int) Math.floor(total * weights[i] / sum);
            assigned += parts[i];
        }
        parts[n - 1] = total - assigned;
        return parts;
    }

    private static String uniqueName(Random random, Set<String> taken) {
        while (true) {
            String name =
                    "" + FIRST.charAt(random.nextInt(FIRST.length())) + SECOND.charAt(random.nextInt(SECOND.length()));
            if (taken.add(name)) {
                return name;
            }
        }
    }

    private static String sectorName(Sector sector) {
        return switch (sector) {
            case EDUCATION -> "教育";
            case HEALTH -> "卫健";
            case TRANSPORT -> "交通";
            case HOUSING -> "住建";
            case JUSTICE -> "司法";
            case AGRICULTURE -> "农业农村";
            case VETERANS -> "退役军人";
            case POSTAL -> "邮政";
            case DISABLED_PERSONS -> "残联";
        };
    }
}
