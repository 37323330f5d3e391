package cn.canbao.bench;

import static cn.canbao.bench.BenchImports.seconds;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.canbao.demo.synthetic.SyntheticProvince;
import cn.canbao.quota.BaselineService;
import cn.canbao.region.RegionService;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportService;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * One more county's police and insurance imports into an existing database (issue 18: taking a later county's
 * imports apart statement by statement; not part of ./mvnw verify, nor of bench/province.sh). The database is the
 * one {@code -Dspring.datasource.url} names, used as it is (a province that bench/province.sh left, or a copy of
 * it: {@code create database x template canbao_bench_province}); an empty database is migrated first, and then
 * imports a province's first county. Which county: {@code -Dbench.county} (0-based) of a synthetic province of
 * {@code -Dbench.counties} counties (the same seed and shares as bench/province.sh):
 *
 * <pre>
 * ./mvnw -B -ntp -Pbench verify -Dit.test=NextCountyBench -Dfailsafe.failIfNoSpecifiedTests=false \
 *   -Dspring.datasource.url=jdbc:postgresql://127.0.0.1:5432/x -Dspring.datasource.username=postgres \
 *   -Dbench.county=4 -Dbench.counties=5
 * </pre>
 *
 * Prints each import's seconds and phases. Asserts only that both succeeded.
 */
@SpringBootTest(
        properties = {
            // without -Dspring.datasource.url a fresh database of this name (never one in use) is used
            "canbao.database.local-server.database=canbao_bench_next_county",
            "canbao.imports.dir=target/bench-next-county-imports",
            "canbao.sms.dispatcher.enabled=false",
            "spring.quartz.auto-startup=false"
        })
@ActiveProfiles("test")
class NextCountyBench {

    @Autowired
    ImportService imports;

    @Autowired
    RegionService regions;

    @Autowired
    SecurityTestSupport security;

    @Autowired
    BaselineService baselines;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void nextCounty() throws Exception {
        assumeTrue(System.getProperty("spring.datasource.url") != null, "-Dspring.datasource.url names the database");
        int counties = Integer.getInteger("bench.counties", 5);
        int index = Integer.getInteger("bench.county", counties - 1);
        Path dir = Path.of("target", "bench-next-county-" + counties);
        SyntheticProvince.Summary province =
                SyntheticProvince.write(dir, counties, 20230603L, new SyntheticProvince.Shares(0.02, 0.001));
        SystemAccess.call(() -> regions.createMissing(SyntheticProvince.regions(counties)));
        // untimed, as in bench/province.sh (whose regions all exist before its first county): the baseline has a row
        // for every county, so the import refreshes its own county's rows, not the whole table
        SystemAccess.run(baselines::refreshRecentYears);
        // the bench's day (ProvinceBench): after the extracts' last birth
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2023, 6, 5, 10, 0)
                .atZone(ZoneId.of("Asia/Shanghai"))
                .toInstant()));
        SyntheticProvince.County county = province.counties().get(index);
        String clerk = security.ensureUser("clerk." + county.code().substring(0, 6), county.code(), Role.CLERK);
        StringBuilder report = new StringBuilder(String.format(
                "==== next county: %s (%d of %d) into %s%n",
                county.name(), index + 1, counties, System.getProperty("spring.datasource.url")));
        for (String kind : new String[] {"police_household", "insurance_status"}) {
            long t = System.nanoTime();
            ImportRun run = ProvinceBench.importAs(
                    security, imports, clerk, county.files().get(kind), kind);
            report.append(String.format(
                    "%-18s %6.1f s, %,d rows read, %,d rejected, phases (ms) %s%n",
                    kind, seconds(t), run.rowsRead(), run.rowsRejected(), run.phaseMillis()));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "bench-next-county.txt"), report.toString());
    }
}
