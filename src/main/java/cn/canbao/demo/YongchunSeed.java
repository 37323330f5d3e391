package cn.canbao.demo;

import java.util.List;

/**
 * The target table of the Yongchun 2023 campaign plan (永政办〔2023〕40号, attachment): registered
 * population, insured locally and elsewhere, uninsured per township. Source: ../shared/seeds.
 */
public final class YongchunSeed {

    public static final String PROVINCE_CODE = "350000000000";
    public static final String CITY_CODE = "350500000000";
    public static final String COUNTY_CODE = "350525000000";
    public static final String COUNTY_NAME = "永春县";

    /** One row of the attachment. Township codes are synthetic: 350525 + (100 + row) + 000. */
    public record Township(
            int row, String name, int registered, int insuredLocal, int insuredElsewhere, int uninsured) {
        public String code() {
            return "350525" + (100 + row) + "000";
        }

        public int insured() {
            return insuredLocal + insuredElsewhere;
        }
    }

    public static final List<Township> TOWNSHIPS = List.of(
            new Township(1, "桃城镇", 66812, 61031, 3388, 2393),
            new Township(2, "东平镇", 19146, 17349, 1063, 734),
            new Township(3, "介福乡", 9953, 9058, 467, 428),
            new Township(4, "五里街镇", 36077, 32393, 2031, 1653),
            new Township(5, "吾峰镇", 19964, 17794, 1255, 915),
            new Township(6, "东关镇", 13923, 12473, 801, 649),
            new Township(7, "下洋镇", 15114, 13399, 984, 731),
            new Township(8, "湖洋镇", 43388, 38910, 2366, 2112),
            new Township(9, "桂洋镇", 13884, 12184, 968, 732),
            new Township(10, "坑仔口镇", 17876, 15719, 1073, 1084),
            new Township(11, "呈祥乡", 8492, 7307, 665, 520),
            new Township(12, "仙夹镇", 13398, 10989, 1529, 880),
            new Township(13, "苏坑镇", 15873, 13986, 843, 1044),
            new Township(14, "石鼓镇", 35580, 31033, 2112, 2435),
            new Township(15, "一都镇", 18500, 16266, 958, 1276),
            new Township(16, "岵山镇", 24078, 20738, 1660, 1680),
            new Township(17, "横口乡", 8577, 7171, 788, 618),
            new Township(18, "蓬壶镇", 71486, 59976, 6199, 5311),
            new Township(19, "外山乡", 6569, 5849, 229, 491),
            new Township(20, "达埔镇", 80204, 66588, 7441, 6175),
            new Township(21, "玉斗镇", 21621, 18672, 1188, 1761),
            new Township(22, "锦斗镇", 17581, 14593, 1140, 1848));

    public static final int REGISTERED_TOTAL = 578_096;
    public static final int INSURED_LOCAL_TOTAL = 503_478;
    public static final int INSURED_ELSEWHERE_TOTAL = 39_148;
    public static final int UNINSURED_TOTAL = 35_470;

    private YongchunSeed() {}
}
