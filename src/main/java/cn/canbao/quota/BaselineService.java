package cn.canbao.quota;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionTotals;
import cn.canbao.register.ImportFinished;
import cn.canbao.register.RegisterFigures;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.security.SystemAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The baseline table: computed from the register's counts per household village (one set-based statement
 * there per year), summed into every region above them by code, stored per region with one insert, read per
 * region and its children. Refreshed after every import and nightly (BaselineRefreshJob).
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class BaselineService {

    private static final Logger log = LoggerFactory.getLogger(BaselineService.class);
    private static final Set<RegionLevel> ABOVE_GRIDS = EnumSet.complementOf(EnumSet.of(RegionLevel.GRID));
    /** A county row of the table (the sums above a county read only those), by its code. */
    private static final String COUNTY_CODE = RegionLevel.COUNTY.codePattern();

    private final JdbcTemplate jdbc;
    private final RegionService regions;
    private final CurrentRegionScope scope;
    private final RegisterFigures register;

    BaselineService(JdbcTemplate jdbc, RegionService regions, CurrentRegionScope scope, RegisterFigures register) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
        this.register = register;
    }

    /**
     * Recomputes the table of one enrollment year for every live region above the grids; returns the regions
     * written. System work whoever asks (an import's listener, the nightly job, a campaign's proposals): the table
     * covers every region, and only its readers are scoped.
     */
    @Transactional
    public int refresh(int year) {
        return SystemAccess.call(() -> refreshAll(year));
    }

    /**
     * Recomputes the table of one year for the county of a region (an import's scope) and sums the regions above it
     * from their counties' rows: an import into one county of a province costs what it costs in a province of one.
     * The whole table instead when the region lies above a county, or when a county under the same root has no row
     * of the year yet (its registered residents would be missing from the sums above). System work, as
     * {@link #refresh(int)}.
     */
    @Transactional
    public int refresh(int year, String regionCode) {
        return SystemAccess.call(() -> {
            Region region = regions.get(regionCode);
            if (region.level().ordinal() < RegionLevel.COUNTY.ordinal()) {
                return refreshAll(year);
            }
            String county = RegionLevel.COUNTY.prefixOf(region.code())
                    + "0"
                            .repeat(region.code().length()
                                    - RegionLevel.COUNTY.prefixOf(region.code()).length());
            List<Region> above = regions.ancestorsInScope(county);
            String root = above.isEmpty() ? county : above.get(0).code();
            List<String> counties = regions.subtree(root, Set.of(RegionLevel.COUNTY)).stream()
                    .map(Region::code)
                    .toList();
            Integer present = jdbc.queryForObject(
                    "select count(*) from baseline b where b.year = ? " + "and b.region_code = any(?::varchar[])",
                    Integer.class,
                    year,
                    counties.toArray(String[]::new));
            if (present == null || present < counties.size()) {
                return refreshAll(year);
            }
            long started = System.nanoTime();
            int written = write(
                    year,
                    regions.subtree(county, ABOVE_GRIDS).stream()
                            .map(Region::code)
                            .toList(),
                    register.byHouseholdRegionUnder(county, year),
                    register.groupsByHouseholdRegionUnder(county, year),
                    register.custodyByHouseholdRegionUnder(county, year));
            written += sumAbove(year, above);
            log.info(
                    "Baseline {} refreshed for the county {} and {} regions above it: {} regions in {} ms",
                    year,
                    county,
                    above.size(),
                    written,
                    (System.nanoTime() - started) / 1_000_000);
            return written;
        });
    }

    /**
     * The regions above a county (city, province) as the sums of the county rows under them, every county of theirs
     * (revoked ones too, as the whole table's sums count their people): figures, custody and the 100% groups.
     */
    private int sumAbove(int year, List<Region> above) {
        int written = 0;
        for (Region a : above) {
            String prefix = a.level().prefixOf(a.code()) + "%";
            written += jdbc.update(
                    "insert into baseline (year, region_code, registered, insured_local, insured_elsewhere, "
                            + "lapsed, in_custody) select ?, ?, coalesce(sum(b.registered), 0), coalesce(sum(b.insured_local), 0), "
                            + "coalesce(sum(b.insured_elsewhere), 0), coalesce(sum(b.lapsed), 0), coalesce(sum(b.in_custody), 0) "
                            + "from baseline b where b.region_code ~ ? and b.year = ? and b.region_code like ? on conflict (year, region_code) do update set "
                            + "registered = excluded.registered, insured_local = excluded.insured_local, "
                            + "insured_elsewhere = excluded.insured_elsewhere, lapsed = excluded.lapsed, "
                            + "in_custody = excluded.in_custody, refreshed_at = now()",
                    year,
                    a.code(),
                    COUNTY_CODE,
                    year,
                    prefix);
            jdbc.update(
                    "insert into baseline_group (year, region_code, grp, registered, enrolled) "
                            + "select ?, ?, g.grp, coalesce(sum(b.registered), 0), coalesce(sum(b.enrolled), 0) "
                            + "from (values ('NEWBORN'), ('HARDSHIP')) g(grp) left join baseline_group b "
                            + "on b.grp = g.grp and b.region_code ~ ? and b.year = ? "
                            + "and b.region_code like ? group by g.grp on conflict (year, region_code, grp) do update "
                            + "set registered = excluded.registered, enrolled = excluded.enrolled, refreshed_at = now()",
                    year,
                    a.code(),
                    COUNTY_CODE,
                    year,
                    prefix);
        }
        return written;
    }

    private int refreshAll(int year) {
        long started = System.nanoTime();
        int written = write(
                year,
                liveRegionsAboveGrids().stream().map(Region::code).toList(),
                register.byHouseholdRegion(year),
                register.groupsByHouseholdRegion(year),
                register.custodyByHouseholdRegion(year));
        log.info(
                "Baseline {} refreshed for {} regions in {} ms",
                year,
                written,
                (System.nanoTime() - started) / 1_000_000);
        return written;
    }

    /** Writes the rows of the given regions from the counts of the households under them. */
    private int write(
            int year,
            List<String> codes,
            List<RegisterFigures.HouseholdCount> households,
            List<RegisterFigures.GroupCount> groups,
            List<RegisterFigures.CustodyCount> custody) {
        Set<String> villages = villagesAmong(java.util.stream.Stream.concat(
                        households.stream().map(RegisterFigures.HouseholdCount::regionCode),
                        groups.stream().map(RegisterFigures.GroupCount::regionCode))
                .collect(Collectors.toSet()));
        RegionTotals totals = new RegionTotals(4);
        households.stream()
                .filter(h -> villages.contains(h.regionCode()))
                .forEach(h ->
                        totals.add(h.regionCode(), h.registered(), h.insuredLocal(), h.insuredElsewhere(), h.lapsed()));
        List<int[]> sums = codes.stream().map(totals::of).toList();
        int written = codes.isEmpty()
                ? 0
                : jdbc.update(
                        "insert into baseline (year, region_code, registered, "
                                + "insured_local, insured_elsewhere, lapsed) select ?, * from unnest(?::varchar[], ?::int[], ?::int[], "
                                + "?::int[], ?::int[]) on conflict (year, region_code) do update set registered = excluded.registered, "
                                + "insured_local = excluded.insured_local, insured_elsewhere = excluded.insured_elsewhere, "
                                + "lapsed = excluded.lapsed, refreshed_at = now()",
                        year,
                        codes.toArray(String[]::new),
                        column(sums, 0),
                        column(sums, 1),
                        column(sums, 2),
                        column(sums, 3));
        refreshCustody(year, codes, custody);
        refreshGroups(year, codes, groups, villages);
        return written;
    }

    /**
     * The 100% target groups of the year (SPEC §3: newborns, hardship groups) per region, the same way:
     * members → villages of their household → every region above. A member counts when their file is
     * active and their membership overlaps the year (several hardship categories count once).
     */
    private void refreshGroups(
            int year, List<String> codes, List<RegisterFigures.GroupCount> counts, Set<String> villages) {
        List<String> regionCodes = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        List<int[]> sums = new ArrayList<>();
        for (PersonGroup group : List.of(PersonGroup.NEWBORN, PersonGroup.HARDSHIP)) {
            RegionTotals totals = new RegionTotals(2);
            counts.stream()
                    .filter(g -> g.group() == group && villages.contains(g.regionCode()))
                    .forEach(g -> totals.add(g.regionCode(), g.registered(), g.enrolled()));
            for (String code : codes) {
                regionCodes.add(code);
                groupNames.add(group.name());
                sums.add(totals.of(code));
            }
        }
        if (!regionCodes.isEmpty()) {
            jdbc.update(
                    "insert into baseline_group (year, region_code, grp, registered, enrolled) select ?, * from "
                            + "unnest(?::varchar[], ?::varchar[], ?::int[], ?::int[]) on conflict (year, region_code, grp) do update "
                            + "set registered = excluded.registered, enrolled = excluded.enrolled, refreshed_at = now()",
                    year,
                    regionCodes.toArray(String[]::new),
                    groupNames.toArray(String[]::new),
                    column(sums, 0),
                    column(sums, 1));
        }
    }

    /**
     * Whom the registered population left out: files held in custody on the year's reference day (司法数据), counted
     * per household village and summed above like the rest, so the table says why its registered figure is lower.
     */
    private void refreshCustody(int year, List<String> codes, List<RegisterFigures.CustodyCount> held) {
        Set<String> villages = villagesAmong(
                held.stream().map(RegisterFigures.CustodyCount::regionCode).collect(Collectors.toSet()));
        RegionTotals totals = new RegionTotals(1);
        held.stream().filter(h -> villages.contains(h.regionCode())).forEach(h -> totals.add(h.regionCode(), h.held()));
        List<int[]> sums = codes.stream().map(totals::of).toList();
        if (!codes.isEmpty()) {
            jdbc.update(
                    "update baseline b set in_custody = c.held from unnest(?::varchar[], ?::int[]) c(code, held) "
                            + "where b.year = ? and b.region_code = c.code and b.in_custody <> c.held",
                    codes.toArray(String[]::new),
                    column(sums, 0),
                    year);
        }
    }

    /**
     * Files of the region held in custody (司法数据) on the year's reference day, as of the last refresh: left out of
     * its registered population, hence of its target. The region must be in the caller's scope.
     */
    public int inCustody(String regionCode, int year) {
        Region region = regions.get(regionCode);
        return jdbc
                .queryForList(
                        "select in_custody from baseline where year = ? and region_code = ?",
                        Integer.class,
                        year,
                        region.code())
                .stream()
                .findFirst()
                .orElse(0);
    }

    /** Every live region above the grids, under every root. */
    private List<Region> liveRegionsAboveGrids() {
        return regions.roots().stream()
                .flatMap(root -> regions.subtree(root.region().code(), ABOVE_GRIDS).stream())
                .toList();
    }

    /** The household regions that are villages (revoked ones too: their people still count above them). */
    private Set<String> villagesAmong(Set<String> householdRegions) {
        return regions.byCode(householdRegions).values().stream()
                .filter(r -> r.level() == RegionLevel.VILLAGE)
                .map(Region::code)
                .collect(Collectors.toSet());
    }

    private static Integer[] column(List<int[]> rows, int i) {
        return rows.stream().map(r -> r[i]).toArray(Integer[]::new);
    }

    /** Refreshes the years the register holds enrollments for (at most the last three). */
    @Transactional
    public void refreshRecentYears() {
        SystemAccess.call(() -> register.enrollmentYears(3)).forEach(this::refresh);
    }

    /**
     * First among the import's listeners: those that read the baseline (e.g. proposals) then see it fresh.
     * The recent years, and any older year the import brought enrollments of (a late extract for a past year).
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @Transactional
    void afterImport(ImportFinished finished) {
        Set<Integer> years = new java.util.TreeSet<>(SystemAccess.call(() -> register.enrollmentYears(3)));
        Set<Integer> recent = Set.copyOf(years);
        years.addAll(SystemAccess.call(() -> register.enrollmentYearsOf(finished.importId(), recent)));
        // the counties it changed and the one it was made for, each alone (a province's import into one county
        // costs what it costs alone); the whole table when it was made above a county
        Optional<String> scope = SystemAccess.call(() -> register.importScope(finished.importId()));
        boolean wide = scope.isEmpty()
                || SystemAccess.call(() -> regions.get(scope.get())).level().ordinal() < RegionLevel.COUNTY.ordinal();
        Set<String> counties = new java.util.TreeSet<>();
        if (!wide) {
            counties.add(scope.get());
            counties.addAll(SystemAccess.call(() -> register.otherCountiesChangedBy(finished.importId(), scope.get())));
        }
        for (int year : years) {
            if (wide) {
                refresh(year);
            } else {
                counties.forEach(county -> refresh(year, county));
            }
        }
    }

    /** The region's row first, then its children's, for one year; the region must be in the caller's scope. */
    public List<Baseline> table(String regionCode, int year) {
        Region region = regions.get(regionCode);
        return selfAndChildren(
                        region,
                        year,
                        "select region_code, year, registered, insured_local, insured_elsewhere, "
                                + "lapsed from baseline where year = ? and region_code like ?",
                        BASELINE,
                        Baseline::regionCode,
                        Baseline::named)
                .stream()
                .sorted(regionFirst(region, Baseline::regionCode))
                .toList();
    }

    /**
     * The 100% target groups (newborns, then hardship) of the region first, then of its children, for one
     * year, as of the last refresh; the region must be in the caller's scope.
     */
    public List<GroupCoverage> groupTable(String regionCode, int year) {
        Region region = regions.get(regionCode);
        return selfAndChildren(
                        region,
                        year,
                        "select region_code, grp, year, registered, enrolled from baseline_group "
                                + "where year = ? and region_code like ?",
                        (rs, n) -> new GroupCoverage(
                                rs.getString(1),
                                null,
                                PersonGroup.valueOf(rs.getString(2)),
                                rs.getInt(3),
                                rs.getInt(4),
                                rs.getInt(5)),
                        GroupCoverage::regionCode,
                        (g, name) -> new GroupCoverage(
                                g.regionCode(), name, g.group(), g.year(), g.registered(), g.enrolled()))
                .stream()
                .sorted(Comparator.comparing((GroupCoverage g) -> g.group() == PersonGroup.HARDSHIP)
                        .thenComparing(regionFirst(region, GroupCoverage::regionCode)))
                .toList();
    }

    private static final RowMapper<Baseline> BASELINE = (rs, n) ->
            new Baseline(rs.getString(1), null, rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));

    /**
     * A year's rows of the region and its direct children, named (rows of regions without a name are dropped); the
     * query takes the year and the region's code prefix.
     */
    private <T> List<T> selfAndChildren(
            Region region,
            int year,
            String sql,
            RowMapper<T> mapper,
            Function<T, String> code,
            BiFunction<T, String, T> named) {
        List<T> rows = jdbc.query(sql, mapper, year, prefix(region) + "%").stream()
                .filter(r -> isSelfOrChild(region, code.apply(r)))
                .toList();
        return withNames(rows, code, named);
    }

    private static String prefix(Region region) {
        return region.level().prefixOf(region.code());
    }

    /** The region itself or a direct child (codes carry their parent's digits; grids have no baseline). */
    private static boolean isSelfOrChild(Region region, String code) {
        RegionLevel child = region.level().childLevel().orElse(null);
        return code.equals(region.code())
                || (child != null
                        && child != RegionLevel.GRID
                        && RegionLevel.ofCode(code).orElse(null) == child);
    }

    private static <T> Comparator<T> regionFirst(Region region, Function<T, String> code) {
        return Comparator.comparing((T t) -> !code.apply(t).equals(region.code()))
                .thenComparing(code);
    }

    /** Rows with their regions' names (one query); rows whose region is unknown are left out, as a join would. */
    private <T> List<T> withNames(List<T> rows, Function<T, String> code, BiFunction<T, String, T> named) {
        Map<String, String> names = regions.names(rows.stream().map(code).toList());
        return rows.stream()
                .filter(r -> names.containsKey(code.apply(r)))
                .map(r -> named.apply(r, names.get(code.apply(r))))
                .toList();
    }

    /**
     * The newest year whose baseline counts anyone insured in a region: the register's latest enrollment figures
     * there; empty before an insurance extract covered it. The region must be in the caller's scope.
     */
    public Optional<Integer> latestCoveredYear(String regionCode) {
        Region region = regions.get(regionCode);
        return jdbc
                .queryForList(
                        "select max(year) from baseline where region_code = ? "
                                + "and insured_local + insured_elsewhere > 0",
                        Integer.class,
                        region.code())
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** The years with a baseline, newest first. */
    public List<Integer> years() {
        scope.get();
        return jdbc.queryForList("select distinct year from baseline order by year desc", Integer.class);
    }

    /**
     * Every baseline row of a region's subtree (itself included, grids have none) for a year, with names: for
     * figures that cover a whole county. The region must be in the caller's scope.
     */
    public List<Baseline> subtree(String regionCode, int year) {
        Region region = regions.get(regionCode);
        return withNames(
                jdbc.query(
                        "select region_code, year, registered, insured_local, insured_elsewhere, lapsed "
                                + "from baseline where year = ? and region_code like ? order by region_code",
                        BASELINE,
                        year,
                        prefix(region) + "%"),
                Baseline::regionCode,
                Baseline::named);
    }
}
