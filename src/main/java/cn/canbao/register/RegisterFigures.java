package cn.canbao.register;

import cn.canbao.base.database.PlannerSettings;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.persistence.RegisterDay;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.security.CurrentUser;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register counted for other modules' figures (baseline, proposals, dashboard), each one set-based statement
 * over persons and enrollments aggregated here, so nobody else reads those tables. Counts cover the caller's
 * region: the system (jobs, process steps, refreshes) sees every region, a user their subtree.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class RegisterFigures {

    private final JdbcClient jdbc;
    private final RegionService regions;
    private final CurrentRegionScope scope;
    private final RegisterDay day;

    RegisterFigures(JdbcClient jdbc, RegionService regions, CurrentRegionScope scope, RegisterDay day) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
        this.day = day;
    }

    /** A household region's files (not cancelled) held in custody on the year's reference day: left out of the counts. */
    public record CustodyCount(String regionCode, int held) {}

    /** A household region's files (not cancelled) for a year: insured here, elsewhere only, lapsed (paid the year before). */
    public record HouseholdCount(
            String regionCode, int registered, int insuredLocal, int insuredElsewhere, int lapsed) {}

    /** A 100% target group's active members of a household region whose membership overlaps the year, and those enrolled. */
    public record GroupCount(String regionCode, PersonGroup group, int registered, int enrolled) {}

    /**
     * Files (not cancelled) of a county by household region, grid and — for those not insured in the year — why
     * ("UNRECORDED" when nobody recorded it; null for the insured); lapsed: paid the year before, not this year.
     */
    public record Headcount(
            String householdRegion, String gridCode, String reason, int registered, int insured, int lapsed) {}

    /** A grid's active files not insured in the year: never paid the year before (uninsured) or did (lapsed). */
    public record GridCount(String gridCode, int uninsured, int lapsed) {}

    /**
     * Files not cancelled per household region, for a year (the baseline's counts before they roll up). Persons held
     * in custody on the year's reference day (today, or the year's last day) are left out: the justice data builds
     * the uninsured list with the police's ("初期与公安、司法等部门通过数据共享、对比，形成各地户籍区划内未参保人员数据",
     * seeds/yancheng-one-person-one-file-pilot.txt), and a person held is no one to enrol; {@link #custodyByHouseholdRegion}
     * counts them.
     */
    public List<HouseholdCount> byHouseholdRegion(int year) {
        return byHouseholdRegion(year, scopePrefix());
    }

    /** As {@link #byHouseholdRegion(int)}, for the households of one region's subtree (e.g. the county an import touched). */
    public List<HouseholdCount> byHouseholdRegionUnder(String regionCode, int year) {
        return byHouseholdRegion(year, subtreePrefix(regionCode));
    }

    /**
     * The whole register (an empty prefix) hashes the years' enrollments once; a subtree's (a county of a province)
     * looks its persons' enrollments up by index instead, so that its cost does not grow with the other counties'.
     */
    private List<HouseholdCount> byHouseholdRegion(int year, String prefix) {
        String paid = prefix.isEmpty() ? """
                        with paid as (select id_number, bool_or(year = :year and place = 'LOCAL') local,
                                             bool_or(year = :year and place = 'ELSEWHERE') elsewhere,
                                             bool_or(year = :year - 1) last_year
                                      from enrollment where year in (:year, :year - 1) group by id_number)
                        """ : "";
        String join = prefix.isEmpty() ? "left join paid e using (id_number)" : """
                left join lateral (select bool_or(year = :year and place = 'LOCAL') local,
                                          bool_or(year = :year and place = 'ELSEWHERE') elsewhere,
                                          bool_or(year = :year - 1) last_year
                                   from enrollment x where x.id_number = p.id_number
                                     and x.year between :year - 1 and :year) e on true""";
        return seriallyWithin(
                prefix,
                () -> jdbc.sql(paid + """
                        select p.household_region, count(*),
                               count(*) filter (where e.local),
                               count(*) filter (where e.elsewhere and not e.local),
                               count(*) filter (where e.last_year and not coalesce(e.local or e.elsewhere, false))
                        from person p """ + " " + join + "\n" + """
                        where p.status <> 'CANCELLED' and p.household_region like :prefix || '%'
                          and not """ + " " + RegisterDay.heldOn("p", ":day") + """
                        group by p.household_region
                        """)
                        .param("year", year)
                        .param("prefix", prefix)
                        .param("day", day.referenceDay(year))
                        .query((rs, n) -> new HouseholdCount(
                                rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                        .list());
    }

    /** Files not cancelled held in custody on the year's reference day, per household region (what the baseline left out). */
    public List<CustodyCount> custodyByHouseholdRegion(int year) {
        return custodyByHouseholdRegion(year, scopePrefix());
    }

    /** As {@link #custodyByHouseholdRegion(int)}, for the households of one region's subtree. */
    public List<CustodyCount> custodyByHouseholdRegionUnder(String regionCode, int year) {
        return custodyByHouseholdRegion(year, subtreePrefix(regionCode));
    }

    private List<CustodyCount> custodyByHouseholdRegion(int year, String prefix) {
        return jdbc.sql("select p.household_region, count(*) from person p where p.status <> 'CANCELLED' "
                        + "and p.household_region like :prefix || '%' and " + RegisterDay.heldOn("p", ":day")
                        + " group by p.household_region")
                .param("prefix", prefix)
                .param("day", day.referenceDay(year))
                .query((rs, n) -> new CustodyCount(rs.getString(1), rs.getInt(2)))
                .list();
    }

    /**
     * Newborns and hardship members per household region for a year (SPEC §3's 100% groups): active files whose
     * membership overlaps the year, several hardship categories counted once; enrolled: with an enrollment that year.
     */
    public List<GroupCount> groupsByHouseholdRegion(int year) {
        return groupsByHouseholdRegion(year, scopePrefix());
    }

    /** As {@link #groupsByHouseholdRegion(int)}, for the households of one region's subtree. */
    public List<GroupCount> groupsByHouseholdRegionUnder(String regionCode, int year) {
        return groupsByHouseholdRegion(year, subtreePrefix(regionCode));
    }

    private List<GroupCount> groupsByHouseholdRegion(int year, String prefix) {
        return serially(() -> jdbc.sql("""
                        with members as (select distinct g.grp, g.id_number from person_group g
                                         where g.grp in ('NEWBORN', 'HARDSHIP')
                                           and (g.since is null or g.since <= make_date(:year, 12, 31))
                                           and (g.until is null or g.until >= make_date(:year, 1, 1)))
                        select p.household_region, m.grp, count(*),
                               count(*) filter (where exists (select 1 from enrollment e
                                                              where e.id_number = p.id_number and e.year = :year))
                        from members m join person p using (id_number)
                        where p.status = 'ACTIVE' and p.household_region like :prefix || '%'
                        group by p.household_region, m.grp
                        """)
                .param("year", year)
                .param("prefix", prefix)
                .query((rs, n) -> new GroupCount(
                        rs.getString(1), PersonGroup.valueOf(rs.getString(2)), rs.getInt(3), rs.getInt(4)))
                .list());
    }

    /**
     * One pass over a county's files (not cancelled) whose household or grid lies in it, counted by household
     * region, grid and reason not enrolled — what the dashboard needs for its grids and reasons. The county must
     * be in the caller's scope.
     */
    public List<Headcount> countyHeadcount(String countyCode, int year) {
        String prefix = RegionLevel.COUNTY.prefixOf(regions.get(countyCode).code());
        // the county's persons look their enrollments up by index (one range each): hashing the years' enrollments
        // read the whole province's for every county (issue 18); grids by range, as their index is not for patterns
        return seriallyWithin(
                prefix,
                () -> jdbc.sql("""
                        select p.household_region, p.grid_code,
                               case when coalesce(e.insured, false) then null
                                    else coalesce(p.not_enrolled_reason, 'UNRECORDED') end reason,
                               count(*), count(*) filter (where e.insured),
                               count(*) filter (where e.last_year and not coalesce(e.insured, false))
                        from person p left join lateral (select bool_or(x.year = :year) insured,
                                                                bool_or(x.year = :year - 1) last_year
                                                         from enrollment x where x.id_number = p.id_number
                                                           and x.year between :year - 1 and :year) e on true
                        where p.status <> 'CANCELLED'
                          and (p.household_region like :prefix or p.grid_code >= :first and p.grid_code < :after)
                          and not """ + " " + RegisterDay.heldOn("p", ":day") + """
                        group by 1, 2, 3
                        """)
                        .param("year", year)
                        .param("prefix", prefix + "%")
                        .param("first", prefix)
                        .param("after", Long.toString(Long.parseLong(prefix) + 1))
                        .param("day", day.referenceDay(year))
                        .query((rs, n) -> new Headcount(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getInt(5),
                                rs.getInt(6)))
                        .list());
    }

    /** The active files assigned to the grids of a village, not insured in the year, per grid (one statement). */
    public List<GridCount> byGrid(String villageCode, int year) {
        String village = regions.get(villageCode).code();
        return jdbc.sql("""
                        with people as (select p.grid_code,
                            exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = :year) insured,
                            exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = :year - 1) paid_last_year
                            from person p where p.grid_code between :first and :last and p.status = 'ACTIVE'
                              and not """ + " " + RegisterDay.heldOn("p", ":day") + ")" + """
                        select grid_code, count(*) filter (where not insured and not paid_last_year),
                               count(*) filter (where not insured and paid_last_year)
                        from people group by grid_code
                        """)
                .param("year", year)
                .param("first", village + "000")
                .param("last", village + "999")
                .param("day", day.referenceDay(year))
                .query((rs, n) -> new GridCount(rs.getString(1), rs.getInt(2), rs.getInt(3)))
                .list();
    }

    /**
     * Which of these ID numbers have an enrollment for the year (one statement, however many). A user learns it
     * only of persons whose household, residence or grid lies in their region.
     */
    public Set<String> enrolledAmong(int year, Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Set.of();
        }
        String[] ids = idNumbers.toArray(String[]::new);
        // an employee enrollment whose insurance stopped more than 3 months ago does not count (RegisterDay)
        String counts = " and not (e.scheme = 'EMPLOYEE' and " + RegisterDay.suspendedOn("e", "?::date") + ")";
        java.time.LocalDate today = day.today();
        List<String> enrolled = CurrentUser.isSystem()
                ? jdbc.sql("select i.id from unnest(?::char(18)[]) i(id) where exists (select 1 from enrollment e "
                                + "where e.id_number = i.id and e.year = ?" + counts + ")")
                        .params(ids, year, today, today)
                        .query(String.class)
                        .list()
                : jdbc.sql("select p.id_number from unnest(?::char(18)[]) i(id) join person p on p.id_number = i.id "
                                + "where (p.household_region like ? || '%' or p.residence_region like ? || '%' "
                                + "or p.grid_code like ? || '%') and exists (select 1 from enrollment e "
                                + "where e.id_number = p.id_number and e.year = ?" + counts + ")")
                        .params(ids, scopePrefix(), scopePrefix(), scopePrefix(), year, today, today)
                        .query(String.class)
                        .list();
        return new HashSet<>(enrolled);
    }

    /** The years the register holds enrollments of, newest first, at most {@code latest} of them. */
    public List<Integer> enrollmentYears(int latest) {
        scope.get();
        // one probe of the (year, id_number) index per year, not a scan of every enrollment (11 million in a province)
        return jdbc.sql("with recursive y(year) as (select max(year) from enrollment union all "
                        + "select (select max(e.year) from enrollment e where e.year < y.year) from y where y.year is not null) "
                        + "select year from y where year is not null limit ?")
                .param(latest)
                .query(Integer.class)
                .list();
    }

    /**
     * The years an import brought enrollments of, other than {@code known} (those the caller refreshes anyway), if
     * the caller may see the import. Each other year the register holds is probed for one of the import's rows: a
     * scan of every enrollment for the import's years cost 2–3 s per import at province size (11 million rows,
     * bench/province.sh), for an answer that only matters for a year outside the recent ones (a late extract).
     */
    public List<Integer> enrollmentYearsOf(long importId, Set<Integer> known) {
        if (importScope(importId).isEmpty()) {
            return List.of();
        }
        return enrollmentYears(Integer.MAX_VALUE).stream()
                .filter(year -> !known.contains(year))
                .filter(year -> jdbc.sql("select exists (select 1 from enrollment where year = ? and import_id = ?)")
                        .params(year, importId)
                        .query(Boolean.class)
                        .single())
                .sorted()
                .toList();
    }

    /** The region an import was made for, if the caller's scope covers it. */
    public Optional<String> importScope(long importId) {
        return jdbc.sql("select scope_code from import_run where id = ?")
                .param(importId)
                .query(String.class)
                .optional()
                .filter(code -> code.startsWith(scopePrefix()));
    }

    /**
     * The counties (12-digit codes) where the persons an import changed are registered, besides the county of the
     * import's own region (which the caller counts anyway): those living in its region with a household elsewhere
     * (人户分离) — an insurance extract enrols them where they live. Within the caller's scope; the import's region must
     * be in it.
     */
    public List<String> otherCountiesChangedBy(long importId, String importRegion) {
        String within = subtreePrefix(importRegion);
        // planned for the import: a generic plan scanned the province's files (0.9–1.8 s at 11 counties, 16 ms planned)
        return PlannerSettings.customPlans(
                jdbc,
                () -> jdbc.sql("select distinct rpad(left(p.household_region, 6), 12, '0') from person p "
                                + "where p.residence_region like ? and left(p.residence_region, 6) <> left(p.household_region, 6) "
                                + "and p.household_region not like ? "
                                + "and p.household_region like ? and length(p.household_region) = 12 "
                                + "and exists (select 1 from person_change c where c.id_number = p.id_number and c.import_id = ?) "
                                + "order by 1")
                        .params(within + "%", within + "%", scopePrefix() + "%", importId)
                        .query(String.class)
                        .list());
    }

    /** The code prefix of a region's subtree; the region must be in the caller's scope. */
    private String subtreePrefix(String regionCode) {
        Region region = regions.get(regionCode);
        return region.level().prefixOf(region.code());
    }

    /**
     * Runs a one-pass aggregate over the register without parallel workers, as the INSERT … SELECT statements it
     * replaced always ran: each worker would hash the years' enrollments once more (the planner cannot share a
     * hash it underestimates), which costs more than it saves on a few cores (1.6 s serial against 2.4 s with two
     * workers, county scale). Only for this statement: the setting is restored afterwards (a failure rolls it back
     * with the transaction).
     */
    private <T> T serially(Supplier<T> aggregate) {
        // nor compiled: the planner's cost of a county's aggregate starts the JIT, which took longer (0.2–0.5 s) than
        // it saved
        return PlannerSettings.with(jdbc, Map.of("max_parallel_workers_per_gather", "0", "jit", "off"), aggregate);
    }

    /**
     * As {@link #serially(Supplier)}; for a subtree ({@code prefix} not empty: a county of a province, or below) its
     * files are found through the region indexes, never by reading every file of the register. The planner costs the
     * two alike (a county is a tenth of a province's files), but the scan read the whole province for each county and
     * year: 5.5 s against 1.1 s for the county's persons of an 11-county province (EXPLAIN ANALYZE, docs/scale.md),
     * and a county's baseline and dashboard grew with every county loaded before it.
     */
    private <T> T seriallyWithin(String prefix, Supplier<T> aggregate) {
        return prefix.isEmpty()
                ? serially(aggregate)
                : serially(() -> PlannerSettings.with(jdbc, Map.of("enable_seqscan", "off"), aggregate));
    }

    private String scopePrefix() {
        return scope.get().codePrefix();
    }
}
