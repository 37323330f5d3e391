package cn.canbao.demo;

import cn.canbao.demo.synthetic.SyntheticCounty;
import cn.canbao.policy.RuleSet;
import cn.canbao.policy.RuleSetService;
import cn.canbao.region.NewRegion;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.person.HardshipCategory;
import cn.canbao.security.NewUser;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserService;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo county once (skipped when Yongchun already exists) and prints the demo logins.
 * Active when {@code canbao.demo.enabled=true}: by default with the embedded database only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "canbao.demo.enabled", havingValue = "true")
class DemoCountyLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoCountyLoader.class);

    @Bean
    DemoCredentials demoCredentials(Environment env) {
        return new DemoCredentials(Path.of(env.getProperty("canbao.demo.credentials-file", "data/demo-users.txt")));
    }

    @Bean
    @Order(0)
    ApplicationRunner loadDemoCounty(
            RegionService regions,
            UserService users,
            DemoCredentials credentials,
            TransactionTemplate tx,
            RuleSetService ruleSets) {
        return (ApplicationArguments args) -> SystemAccess.run(() -> {
            if (regions.findUnscoped(YongchunSeed.COUNTY_CODE).isEmpty()) {
                long started = System.nanoTime();
                tx.executeWithoutResult(status -> load(regions, users, credentials));
                log.info(
                        "Demo county {} loaded in {} ms",
                        YongchunSeed.COUNTY_NAME,
                        (System.nanoTime() - started) / 1_000_000);
            }
            if (ruleSets.applying(SyntheticCounty.ENROLLMENT_YEAR, YongchunSeed.COUNTY_CODE)
                    .isEmpty()) {
                ruleSets.save(demoRuleSet());
            }
            print(credentials, regions);
        });
    }

    /**
     * The demo county's rule set for 2023. Fujian had not adopted the Heilongjiang mechanism (it is "自2025年起"
     * there), so none of its rules apply. The collection period ends as the Yongchun plan extended it ("集中征收期
     * 延长至 2023 年 6 月 30 日"); its start, the amounts (the national 2023 minimum standards: 380 yuan personal, 640
     * yuan subsidy) and the hardship subsidies (full for 特困/孤儿/事实无人抚养儿童, a fixed 200 yuan for the others —
     * the plan names "定额资助对象" without amounts) are demo values, changed on the 政策规则 page like any rule set.
     */
    public static RuleSet demoRuleSet() {
        Map<HardshipCategory, RuleSet.Subsidy> subsidies = new java.util.EnumMap<>(HardshipCategory.class);
        for (HardshipCategory c :
                List.of(HardshipCategory.TEKUN, HardshipCategory.ORPHAN, HardshipCategory.DE_FACTO_ORPHAN)) {
            subsidies.put(c, RuleSet.Subsidy.whole());
        }
        for (HardshipCategory c :
                List.of(HardshipCategory.DIBAO, HardshipCategory.RETURNED_TO_POVERTY, HardshipCategory.MONITORED)) {
            subsidies.put(c, RuleSet.Subsidy.fixed(new BigDecimal("200")));
        }
        return new RuleSet(
                null,
                SyntheticCounty.ENROLLMENT_YEAR,
                YongchunSeed.COUNTY_CODE,
                YongchunSeed.COUNTY_NAME,
                null,
                new BigDecimal("380"),
                new BigDecimal("640"),
                null,
                LocalDate.of(2022, 9, 1),
                LocalDate.of(2023, 6, 30),
                RuleSet.MINIMUM_RAISE,
                RuleSet.MINIMUM_RAISE,
                20,
                subsidies);
    }

    private static void load(RegionService regions, UserService users, DemoCredentials credentials) {
        List<NewRegion> hierarchy = DemoCountyHierarchy.generate();
        regions.createAll(hierarchy);
        Region township = regions.descendantsAtLevel(YongchunSeed.COUNTY_CODE, RegionLevel.TOWNSHIP)
                .get(0);
        Region village =
                regions.descendantsAtLevel(township.code(), RegionLevel.VILLAGE).get(0);
        Region grid =
                regions.descendantsAtLevel(village.code(), RegionLevel.GRID).get(0);
        Map<String, String> passwords = new LinkedHashMap<>();
        List<NewUser> batch = new ArrayList<>();
        for (DemoUsers.DemoUser u : DemoUsers.ALL) {
            String region = switch (u.place()) {
                case COUNTY -> YongchunSeed.COUNTY_CODE;
                case TOWNSHIP -> township.code();
                case VILLAGE -> village.code();
                case GRID -> grid.code();
            };
            String password = UserService.randomPassword();
            passwords.put(u.username(), password);
            batch.add(new NewUser(u.username(), u.displayName(), region, u.roles(), null, password));
        }
        users.createAll(batch);
        credentials.write(passwords);
    }

    private static void print(DemoCredentials credentials, RegionService regions) {
        Map<String, String> passwords = credentials.read();
        Map<RegionLevel, Integer> counts = regions.countByLevel(YongchunSeed.COUNTY_CODE);
        StringBuilder sb = new StringBuilder("\n==== Demo county ")
                .append(YongchunSeed.COUNTY_NAME)
                .append(": ")
                .append(counts.getOrDefault(RegionLevel.TOWNSHIP, 0))
                .append(" townships, ")
                .append(counts.getOrDefault(RegionLevel.VILLAGE, 0))
                .append(" villages, ")
                .append(counts.getOrDefault(RegionLevel.GRID, 0))
                .append(" grids (synthetic codes below the county)")
                .append("\n==== Demo logins (from ")
                .append(credentials.file())
                .append("):\n");
        for (DemoUsers.DemoUser u : DemoUsers.ALL) {
            sb.append(String.format(
                    "  %-16s %-14s %s%n",
                    u.username(),
                    passwords.getOrDefault(u.username(), "(see " + credentials.file() + ")"),
                    u.displayName()));
        }
        log.info(sb.toString());
    }
}
