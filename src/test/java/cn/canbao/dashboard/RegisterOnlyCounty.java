package cn.canbao.dashboard;

import cn.canbao.region.TestCounty;
import cn.canbao.register.TestIds;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * A county with a register and never a campaign, for the dashboard before the first one: 登记库测试县 with 庚镇
 * (庚一村), 辛乡 (辛一村) and 壬乡 (nobody registered), five residents whose coverage in {@link #YEAR} is known by heart:
 * <pre>
 * 0 庚一村  insured locally        3 辛一村  insured
 * 1 庚一村  insured elsewhere      4 辛一村  lapsed (paid the year before)
 * 2 庚一村  uninsured
 * </pre>
 * County: 5 registered, 3 insured, 2 uninsured (60.00%); 庚镇 3 / 2 / 1 (66.67%); 辛乡 2 / 1 / 1 (50.00%).
 * No test may start a campaign here.
 */
@Component
public class RegisterOnlyCounty {

    public static final int YEAR = 2093;
    static final TestCounty AREA = new TestCounty("350592");
    public static final String COUNTY = AREA.code();
    public static final String TOWNSHIP_1 = AREA.township(1);
    public static final String TOWNSHIP_2 = AREA.township(2);
    /** A township without residents. */
    public static final String TOWNSHIP_3 = AREA.township(3);

    public static final String VILLAGE_1 = AREA.village(1, 1);
    public static final String VILLAGE_2 = AREA.village(2, 1);
    public static final String CLERK = "clerk.register.only";

    private final CountyRegister register;

    RegisterOnlyCounty(CountyRegister register) {
        this.register = register;
    }

    public static String id(int i) {
        return TestIds.id("350592", LocalDate.of(1975, 6, 1 + i), 201 + 2 * i);
    }

    /** Creates the county and imports its residents and their insurance (idempotent). */
    public void ensure() {
        register.load(
                AREA.tree(
                        "登记库测试县",
                        new TestCounty.Township("庚镇", "庚一村"),
                        new TestCounty.Township("辛乡", "辛一村"),
                        new TestCounty.Township("壬乡")),
                CLERK,
                "register-only-people.csv",
                line(0, "子", VILLAGE_1)
                        + line(1, "丑", VILLAGE_1)
                        + line(2, "寅", VILLAGE_1)
                        + line(3, "卯", VILLAGE_2)
                        + line(4, "辰", VILLAGE_2),
                "register-only-insured-" + YEAR + ".csv",
                id(0) + ",子," + YEAR + ",居民,本地\n"
                        + id(1) + ",丑," + YEAR + ",居民,异地\n"
                        + id(3) + ",卯," + YEAR + ",职工,本地\n"
                        + id(4) + ",辰," + (YEAR - 1) + ",居民,本地\n");
    }

    private static String line(int i, String name, String village) {
        return id(i) + "," + name + ",在册,2000-01-01," + village + "," + village + "," + village + "001,\n";
    }
}
