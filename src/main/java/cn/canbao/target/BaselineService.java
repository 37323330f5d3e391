package cn.canbao.target;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.register.ImportFinished;
import cn.canbao.register.PersonGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The baseline table: computed from the register in one set-based statement per year (persons →
 * villages → every region above them through the ltree paths), stored per region, read per region
 * and its children. Refreshed after every import and nightly (BaselineRefreshJob).
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class BaselineService {

    private static final Logger log = LoggerFactory.getLogger(BaselineService.class);

    private final JdbcTemplate jdbc;
    private final RegionService regions;
    private final CurrentRegionScope scope;

    BaselineService(JdbcTemplate jdbc, RegionService regions, CurrentRegionScope scope) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
    }

    /** Recomputes the table of one enrollment year for every region; returns the regions written. */
    @Transactional
    public int refresh(int year) {
        long started = System.nanoTime();
        int rows = jdbc.update("with paid as (select id_number, bool_or(year = ? and place = 'LOCAL') local, "
                + "bool_or(year = ? and place = 'ELSEWHERE') elsewhere, bool_or(year = ? - 1) last_year "
                + "from enrollment where year in (?, ? - 1) group by id_number), "
                + "villages as (select p.household_region code, count(*) registered, "
                + "count(*) filter (where e.local) insured_local, "
                + "count(*) filter (where e.elsewhere and not e.local) insured_elsewhere, "
                + "count(*) filter (where e.last_year and not coalesce(e.local or e.elsewhere, false)) lapsed "
                + "from person p left join paid e using (id_number) where p.status <> 'CANCELLED' "
                + "and p.household_region is not null group by p.household_region) "
                + "insert into baseline (year, region_code, registered, insured_local, insured_elsewhere, lapsed) "
                + "select ?, r.code, coalesce(sum(v.registered), 0), coalesce(sum(v.insured_local), 0), "
                + "coalesce(sum(v.insured_elsewhere), 0), coalesce(sum(v.lapsed), 0) from region r "
                + "left join region vr on vr.level = 'VILLAGE' and vr.path <@ r.path "
                + "left join villages v on v.code = vr.code where r.level <> 'GRID' and r.deleted_at is null "
                + "group by r.code on conflict (year, region_code) do update set registered = excluded.registered, "
                + "insured_local = excluded.insured_local, insured_elsewhere = excluded.insured_elsewhere, "
                + "lapsed = excluded.lapsed, refreshed_at = now()", year, year, year, year, year, year);
        refreshGroups(year);
        log.info("Baseline {} refreshed for {} regions in {} ms", year, rows, (System.nanoTime() - started) / 1_000_000);
        return rows;
    }

    /**
     * The 100% target groups of the year (SPEC §3: newborns, hardship groups) per region, the same way:
     * members → villages of their household → every region above. A member counts when their file is
     * active and their membership overlaps the year (several hardship categories count once).
     */
    private void refreshGroups(int year) {
        jdbc.update("with members as (select distinct g.grp, g.id_number from person_group g "
                + "where g.grp in ('NEWBORN', 'HARDSHIP') and (g.since is null or g.since <= make_date(?, 12, 31)) "
                + "and (g.until is null or g.until >= make_date(?, 1, 1))), "
                + "villages as (select p.household_region code, m.grp, count(*) registered, count(*) filter "
                + "(where exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = ?)) enrolled "
                + "from members m join person p using (id_number) where p.status = 'ACTIVE' "
                + "and p.household_region is not null group by p.household_region, m.grp) "
                + "insert into baseline_group (year, region_code, grp, registered, enrolled) "
                + "select ?, r.code, g.grp, coalesce(sum(v.registered), 0), coalesce(sum(v.enrolled), 0) "
                + "from region r cross join (values ('NEWBORN'), ('HARDSHIP')) g(grp) "
                + "left join region vr on vr.level = 'VILLAGE' and vr.path <@ r.path "
                + "left join villages v on v.code = vr.code and v.grp = g.grp "
                + "where r.level <> 'GRID' and r.deleted_at is null group by r.code, g.grp "
                + "on conflict (year, region_code, grp) do update set registered = excluded.registered, "
                + "enrolled = excluded.enrolled, refreshed_at = now()", year, year, year, year);
    }

    /** Refreshes the years the register holds enrollments for (at most the last three). */
    @Transactional
    public void refreshRecentYears() {
        jdbc.queryForList("select distinct year from enrollment order by year desc limit 3", Integer.class)
                .forEach(this::refresh);
    }

    /**
     * First among the import's listeners: those that read the baseline (e.g. proposals) then see it fresh.
     * The recent years, and any older year the import brought enrollments of (a late extract for a past year).
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @Transactional
    void afterImport(ImportFinished finished) {
        jdbc.queryForList("(select distinct year from enrollment order by year desc limit 3) union "
                + "select distinct year from enrollment where import_id = ?", Integer.class, finished.importId())
                .stream().sorted().forEach(this::refresh);
    }

    /** The region's row first, then its children's, for one year; the region must be in the caller's scope. */
    public List<Baseline> table(String regionCode, int year) {
        Region region = regions.get(regionCode);
        return jdbc.query("select b.region_code, r.name, b.year, b.registered, b.insured_local, b.insured_elsewhere, "
                + "b.lapsed from baseline b join region r on r.code = b.region_code where b.year = ? "
                + "and (r.code = ? or r.parent_code = ?) and r.level <> 'GRID' order by r.code <> ?, r.code",
                (rs, n) -> new Baseline(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7)), year, region.code(), region.code(), region.code());
    }

    /**
     * The 100% target groups (newborns, then hardship) of the region first, then of its children, for one
     * year, as of the last refresh; the region must be in the caller's scope.
     */
    public List<GroupCoverage> groupTable(String regionCode, int year) {
        Region region = regions.get(regionCode);
        return jdbc.query("select b.region_code, r.name, b.grp, b.year, b.registered, b.enrolled from baseline_group b "
                + "join region r on r.code = b.region_code where b.year = ? and (r.code = ? or r.parent_code = ?) "
                + "and r.level <> 'GRID' order by b.grp = 'HARDSHIP', r.code <> ?, r.code",
                (rs, n) -> new GroupCoverage(rs.getString(1), rs.getString(2), PersonGroup.valueOf(rs.getString(3)),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6)), year, region.code(), region.code(), region.code());
    }

    /** The years with a baseline, newest first. */
    public List<Integer> years() {
        scope.get();
        return jdbc.queryForList("select distinct year from baseline order by year desc", Integer.class);
    }
}
