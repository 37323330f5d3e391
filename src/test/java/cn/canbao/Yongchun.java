package cn.canbao;

import cn.canbao.demo.YongchunSeed;

/**
 * The demo county's region codes as the tests name them, derived from the seed the demo county is loaded from
 * ({@link YongchunSeed}, {@code DemoCountyHierarchy}), so no test spells a code of its own.
 */
public final class Yongchun {

    public static final String PROVINCE = YongchunSeed.PROVINCE_CODE;
    public static final String CITY = YongchunSeed.CITY_CODE;
    public static final String COUNTY = YongchunSeed.COUNTY_CODE;
    /** 桃城镇. */
    public static final String TAOCHENG = township(1);
    /** 东平镇. */
    public static final String DONGPING = township(2);
    /** 桃城镇's first village (a community) and its first grid. */
    public static final String TAOCHENG_VILLAGE = firstVillage(TAOCHENG);

    public static final String TAOCHENG_GRID = TAOCHENG_VILLAGE + "001";

    private Yongchun() {}

    /** The township of the seed's row (1 … 22). */
    public static String township(int row) {
        return YongchunSeed.TOWNSHIPS.get(row - 1).code();
    }

    /** The first village (a community) of a township of the demo county. */
    public static String firstVillage(String township) {
        return township.substring(0, 9) + "001";
    }
}
