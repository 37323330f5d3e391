package cn.canbao.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.cadence.CadenceService;
import cn.canbao.cadence.CadenceTick;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.dashboard.Dashboard;
import cn.canbao.dashboard.DashboardService;
import cn.canbao.dashboard.ReasonCount;
import cn.canbao.demo.YongchunSeed;
import cn.canbao.demo.synthetic.SyntheticCounty;
import cn.canbao.quota.Baseline;
import cn.canbao.quota.BaselineService;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import cn.canbao.quota.process.TargetVariables;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportService;
import cn.canbao.security.SystemAccess;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * County-scale import benchmark (bench/import.sh; not part of ./mvnw verify): generates the synthetic
 * Yongchun register (578,096 people) and imports its police and insurance extracts, each against a
 * bare COPY of the same file into an unindexed table in the same database, measured in the same run.
 * Prints rows/s, seconds, peak heap and the ratio; asserts nothing about time, but checks that the
 * county's baseline table reproduces the campaign plan's attachment.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "canbao.database.local-server.database=${canbao.bench.database:canbao_bench}",
            "canbao.embedded-db.data-dir=target/pg-bench",
            "canbao.imports.dir=target/bench-imports"
        })
@ActiveProfiles("test")
class ImportBench {

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    BaselineService baseline;

    @Autowired
    CampaignService campaigns;

    @Autowired
    TargetService targets;

    @Autowired
    CadenceService cadence;

    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    @Autowired
    DashboardService dashboards;

    private Campaign benchCampaign;

    @Test
    void countyScaleImport() throws Exception {
        Path dir = Path.of("target", "bench-county");
        long g0 = System.nanoTime();
        SyntheticCounty.Summary county = SyntheticCounty.write(dir, 20230603L);
        double generated = seconds(g0);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("synthetic county: %,d persons, files written in %.1f s", county.persons(), generated));
        lines.add(String.format(
                "%-18s %10s %9s %9s %10s %9s %8s",
                "extract", "rows", "bare COPY", "import", "rows/s", "peak heap", "ratio"));
        for (String kind : List.of("police_household", "insurance_status")) {
            Path file = county.files().get(kind);
            double bare = BenchBaselines.bareCopy(dataSource, jdbc, file);
            Keyed keyed = kind.equals("police_household") ? keyedPoliceCopy(file) : null;
            resetPeaks();
            long t0 = System.nanoTime();
            ImportRun done = BenchImports.importFile(imports, file, kind);
            double took = seconds(t0);
            lines.add(String.format(
                    "%-18s %,10d %8.1fs %8.1fs %,10.0f %7d MB %7.2fx",
                    kind, done.rowsRead(), bare, took, done.rowsRead() / took, peakHeapMb(), took / bare));
            lines.add(String.format(
                    "  accepted %,d, rejected %,d, persons changed %,d",
                    done.rowsAccepted(), done.rowsRejected(), done.personsChanged()));
            if (keyed != null) {
                lines.add(String.format(
                        "  keyed COPY of its %,d persons into a table keyed and indexed like person "
                                + "(%d indexes): %.1f s → import %.2fx keyed, %.2fx bare",
                        keyed.rows(), keyed.indexes(), keyed.seconds(), took / keyed.seconds(), took / bare));
            }
            lines.add("  phases (ms): " + phases(done.id()));
        }
        if (Boolean.getBoolean("bench.xlsx")) {
            // the same police extract as XLSX, imported again (every person unchanged): the streaming reader's heap
            Path xlsx = county.files().get("police_household").resolveSibling("police_household.xlsx");
            long x0 = System.nanoTime();
            int rows = BenchXlsx.write(county.files().get("police_household"), xlsx);
            double written = seconds(x0);
            resetPeaks();
            long t0 = System.nanoTime();
            ImportRun done = BenchImports.importFile(imports, xlsx, "police_household");
            double took = seconds(t0);
            lines.add(String.format(
                    "%-18s %,10d %9s %8.1fs %,10.0f %7d MB %8s",
                    "police (XLSX)", done.rowsRead(), "", took, done.rowsRead() / took, peakHeapMb(), ""));
            lines.add(String.format(
                    "  %,d rows written as XLSX in %.1f s (%,d MB); max heap of this JVM %d MB; " + "phases (ms): %s",
                    rows, written, Files.size(xlsx) >> 20, Runtime.getRuntime().maxMemory() >> 20, phases(done.id())));
        }
        if (Boolean.getBoolean("bench.importsOnly")) {
            String report = String.join("\n", lines);
            System.out.println("\n==== county-scale import benchmark (2 cores)\n" + report + "\n");
            return;
        }
        // the baseline table of the county reproduces the campaign plan's attachment (counts, not times)
        long b0 = System.nanoTime();
        List<Baseline> table =
                SystemAccess.call(() -> baseline.table(YongchunSeed.COUNTY_CODE, SyntheticCounty.ENROLLMENT_YEAR));
        double query = seconds(b0);
        Baseline total = table.get(0);
        lines.add(String.format(
                "baseline %d: county %,d registered / %,d insured / %s%% coverage (attachment: 578,096 / "
                        + "542,626 / 93.86%%); county table read in %.0f ms",
                SyntheticCounty.ENROLLMENT_YEAR,
                total.registered(),
                total.insuredTotal(),
                total.coverageRate(),
                query * 1000));
        assertThat(total.registered()).isEqualTo(578_096);
        assertThat(total.insuredTotal()).isEqualTo(542_626);
        assertThat(total.coverageRate()).isEqualByComparingTo("93.86");
        for (YongchunSeed.Township t : YongchunSeed.TOWNSHIPS) {
            Baseline row = table.stream()
                    .filter(b -> b.regionCode().equals(t.code()))
                    .findFirst()
                    .orElseThrow();
            assertThat(List.of(row.registered(), row.insuredLocal(), row.insuredElsewhere(), row.uninsured()))
                    .as(t.name())
                    .containsExactly(t.registered(), t.insuredLocal(), t.insuredElsewhere(), t.uninsured());
        }
        lines.add("  all 22 townships match the attachment (registered, insured locally, elsewhere, uninsured)");
        lines.addAll(campaignAtCountyScale());
        lines.addAll(dashboardAtCountyScale(benchCampaign));
        Map<String, Object> counts = jdbc.queryForMap("select (select count(*) from person) persons, "
                + "(select count(*) from enrollment) enrollments, (select count(*) from person_change) changes");
        lines.add("register now: " + counts);
        String report = String.join("\n", lines);
        System.out.println("\n==== county-scale import benchmark (2 cores)\n" + report + "\n");
        Files.writeString(Path.of("target", "bench-import.txt"), report + "\n");
    }

    private String phases(long importId) {
        return jdbc.queryForObject("select phase_times from import_run where id = ?", String.class, importId);
    }

    /** The keyed baseline: its rows, the indexes of the table, the seconds of its COPY. */
    private record Keyed(int rows, int indexes, double seconds) {}

    /**
     * The keyed baseline (issue 17: "a COPY of the same rows into a table with the same keys and indexes as person"):
     * the extract's persons, one row each (its first row, in file order) in person's layout, written to a file beforehand
     * (not timed), then COPY'd into an empty copy of {@code person} with all its constraints, keys and indexes.
     */
    private Keyed keyedPoliceCopy(Path file) throws Exception {
        jdbc.execute("drop table if exists keyed_source");
        jdbc.execute(
                "create table keyed_source (c0 text, c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, "
                        + "c8 text, c9 text, c10 text, c11 text, n bigserial)");
        Path layout = file.resolveSibling("police_household.person-layout.csv");
        String columns = "id_number, name, birth_date, sex, household_region, residence_region, grid_code, address, "
                + "mobile, mother_id_number, household_number, household_relation, status_date";
        try (var connection = dataSource.getConnection();
                InputStream in = Files.newInputStream(file);
                var out = Files.newOutputStream(layout)) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(
                    "copy keyed_source (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11) from stdin (format csv, "
                            + "header)",
                    in,
                    1 << 16);
            copy.copyOut(
                    "copy (select c0, c1, to_date(substr(c0, 7, 8), 'YYYYMMDD'), case when substr(c0, 17, 1)::int % 2 "
                            + "= 1 then 'M' else 'F' end, c4, c5, c6, c7, c8, c9, c10, c11, c3::date from keyed_source where n in "
                            + "(select min(n) from keyed_source group by c0) order by n) to stdout (format csv)",
                    out);
        }
        jdbc.execute("drop table keyed_source");
        jdbc.execute("drop table if exists keyed_copy");
        jdbc.execute("create table keyed_copy (like person including all)");
        int indexes =
                jdbc.queryForObject("select count(*) from pg_indexes where tablename = 'keyed_copy'", Integer.class);
        long t0 = System.nanoTime();
        long rows;
        try (var connection = dataSource.getConnection();
                InputStream in = Files.newInputStream(layout)) {
            rows = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy keyed_copy (" + columns + ") from stdin (format csv)", in, 1 << 16);
        }
        double took = seconds(t0);
        jdbc.execute("drop table keyed_copy");
        Files.delete(layout);
        return new Keyed((int) rows, indexes, took);
    }

    /** The baseline: the same file, COPY … (format csv, header) into a table of text columns without indexes. */
    /**
     * A campaign on the full register: proposals for 22 townships, the county's publication (22 township
     * breakdown instances proposing 299 villages), and one reporting day (299 village summaries pre-filled
     * in one statement, 299 process instances). Baseline: a bare scan counting the register per village.
     */
    private List<String> campaignAtCountyScale() {
        double scan = BenchBaselines.bareScan(jdbc, YongchunSeed.COUNTY_CODE.substring(0, 6));
        long c0 = System.nanoTime();
        Campaign campaign = SystemAccess.call(() -> campaigns.start(NewCampaign.of(
                "基准测试扩面行动",
                SyntheticCounty.ENROLLMENT_YEAR,
                YongchunSeed.COUNTY_CODE,
                LocalDate.of(2022, 9, 1),
                LocalDate.of(2023, 6, 30))));
        double started = seconds(c0);
        benchCampaign = campaign;
        TargetTable county = SystemAccess.call(() -> targets.table(campaign.id(), YongchunSeed.COUNTY_CODE));
        assertThat(county.childrenProposed()).isEqualTo(35_470); // the attachment's uninsured, lapsed included
        Map<String, Integer> published = new java.util.LinkedHashMap<>();
        county.children().forEach(r -> published.put(r.regionCode(), r.target()));
        String publishTask = tasks.createTaskQuery()
                .processInstanceId(campaign.processInstanceId())
                .singleResult()
                .getId();
        long p0 = System.nanoTime();
        SystemAccess.run(() -> tasks.complete(publishTask, Map.of("targets", TargetVariables.toJson(published))));
        double publishing = seconds(p0);
        int villages = jdbc.queryForObject(
                "select count(*) from target where campaign_id = ? and level = 'VILLAGE'",
                Integer.class,
                campaign.id());
        long t0 = System.nanoTime();
        CadenceTick tick = SystemAccess.call(() -> cadence.tick(campaign.id(), LocalDate.of(2022, 9, 1)));
        double ticking = seconds(t0);
        return List.of(
                String.format("campaign on the full register (bare scan of the register per village: %.2f s):", scan),
                String.format(
                        "  start + township proposals %.2f s (%.1fx); publication → 22 township instances, %d village "
                                + "proposals %.2f s (%.1fx)",
                        started, started / scan, villages, publishing, publishing / scan),
                String.format(
                        "  one reporting day: %d village summaries pre-filled and started %.2f s (%.1fx)",
                        tick.summariesStarted(), ticking, ticking / scan));
    }

    /**
     * The county's dashboard on the full register: one refresh of its pre-aggregated figures (the cadence tick
     * above did one already), then the county's dashboard read as the view reads it, against reading the
     * county's baseline table in the same run. Checks the dashboard's figures equal the baseline's.
     */
    private List<String> dashboardAtCountyScale(Campaign campaign) {
        long r0 = System.nanoTime();
        int regions = SystemAccess.call(() -> dashboards.refresh(campaign.id()));
        double refreshing = seconds(r0);
        // warm both reads once (first-use class loading, plans), then time them
        SystemAccess.call(() -> dashboards.dashboard(campaign.id(), YongchunSeed.COUNTY_CODE));
        SystemAccess.call(() -> baseline.table(YongchunSeed.COUNTY_CODE, SyntheticCounty.ENROLLMENT_YEAR));
        long b0 = System.nanoTime();
        List<Baseline> table =
                SystemAccess.call(() -> baseline.table(YongchunSeed.COUNTY_CODE, SyntheticCounty.ENROLLMENT_YEAR));
        double baselineRead = seconds(b0);
        long d0 = System.nanoTime();
        Dashboard county = SystemAccess.call(() -> dashboards.dashboard(campaign.id(), YongchunSeed.COUNTY_CODE));
        double dashboardRead = seconds(d0);
        assertThat(county.total().registered()).isEqualTo(table.get(0).registered());
        assertThat(county.total().insured()).isEqualTo(table.get(0).insuredTotal());
        assertThat(county.children()).hasSize(22);
        assertThat(county.reasons().stream().mapToInt(ReasonCount::persons).sum())
                .isEqualTo(table.get(0).uninsured());
        return List.of(String.format(
                "dashboard: refresh of %d regions (county … grids) %.2f s; county dashboard read "
                        + "%.0f ms vs the county's baseline table %.0f ms (%.1fx); %,d registered, %d townships ranked",
                regions,
                refreshing,
                dashboardRead * 1000,
                baselineRead * 1000,
                dashboardRead / baselineRead,
                county.total().registered(),
                county.children().size()));
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed())
                        .sum()
                / (1024 * 1024);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
