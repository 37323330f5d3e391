package cn.canbao.region.maintenance;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionException;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionSuccession;
import cn.canbao.region.persistence.RegionRepository;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renaming, merging and retiring a village or grid (issue 17, point 10: "rename, merge or retire a village or grid with
 * its history kept and its residents and tasks carried over"). Administrators, within their region's subtree; every
 * change leaves a {@link RegionChange}. A merged region is retired (kept, hidden) after its residents, open cases,
 * open tasks and users went to its successor through each module's {@link RegionSuccession}; a region can be retired
 * on its own only when nothing names it any more.
 */
@Service
public class RegionMaintenance {

    private static final Logger log = LoggerFactory.getLogger(RegionMaintenance.class);
    private static final Set<RegionLevel> MAINTAINED = EnumSet.of(RegionLevel.VILLAGE, RegionLevel.GRID);

    private final RegionService regions;
    private final RegionRepository repository;
    private final JdbcTemplate jdbc;
    private final List<RegionSuccession> successions;
    private final CurrentRegionScope currentScope;

    RegionMaintenance(
            RegionService regions,
            RegionRepository repository,
            JdbcTemplate jdbc,
            List<RegionSuccession> successions,
            CurrentRegionScope currentScope) {
        this.currentScope = currentScope;
        this.regions = regions;
        this.repository = repository;
        this.jdbc = jdbc;
        this.successions = successions;
    }

    /** Renames a region in scope; the code stays, the old name goes to its history. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Region rename(String code, String newName) {
        Region region = live(code);
        String name = newName == null ? "" : newName.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new RegionException("region.error.name", code);
        }
        if (!name.equals(region.name())) {
            jdbc.update("update region set name = ? where code = ?", name, code);
            record(code, RegionChange.Action.RENAMED, region.name(), name, null, null);
        }
        return regions.get(code);
    }

    /**
     * Merges a village or grid into another of the same level in scope: everything that names it is carried over,
     * then it is retired. A village's grids are part of its code (a grid code is its village's plus three digits), so a
     * village is merged once it has no live grid left: its grids are merged or retired first.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Map<String, Integer> merge(String sourceCode, String targetCode) {
        Region source = live(sourceCode);
        Region target = live(targetCode);
        if (!MAINTAINED.contains(source.level())
                || source.level() != target.level()
                || source.code().equals(target.code())) {
            throw new RegionException("region.error.mergeLevel", source.code(), target.code());
        }
        if (source.code().equals(currentScope.get().rootCode())) {
            throw new RegionException("region.error.cannotRevokeOwn", source.code());
        }
        if (source.level() == RegionLevel.VILLAGE && liveChildren(source.code()) > 0) {
            throw new RegionException("region.error.mergeGridsFirst", source.code(), liveChildren(source.code()));
        }
        String by = actor();
        Map<String, Integer> carried = new java.util.LinkedHashMap<>();
        for (RegionSuccession succession : successions) {
            carried.put(succession.what(), succession.carryOver(source.code(), target.code(), by));
        }
        repository.markSubtreeDeleted(source.path());
        record(source.code(), RegionChange.Action.MERGED, source.name(), target.name(), target.code(), text(carried));
        log.info(
                "Region {} ({}) merged into {} ({}) by {}: {}",
                source.code(),
                source.name(),
                target.code(),
                target.name(),
                by,
                carried);
        return carried;
    }

    /** Retires a village or grid that nothing names any more (else: merge it into its successor). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void retire(String code) {
        Region region = live(code);
        if (!MAINTAINED.contains(region.level())) {
            throw new RegionException("region.error.mergeLevel", code, code);
        }
        if (liveChildren(code) > 0) {
            throw new RegionException("region.error.mergeGridsFirst", code, liveChildren(code));
        }
        List<String> occupied = new ArrayList<>();
        for (RegionSuccession succession : successions) {
            int n = succession.occupants(code);
            if (n > 0) {
                occupied.add(succession.what() + "=" + n);
            }
        }
        if (!occupied.isEmpty()) {
            throw new RegionException("region.error.retireOccupied", code, String.join(", ", occupied));
        }
        repository.markSubtreeDeleted(region.path());
        record(code, RegionChange.Action.RETIRED, region.name(), null, null, null);
        log.info("Region {} ({}) retired by {}", code, region.name(), actor());
    }

    /** The history of a region in scope, newest first. */
    @PreAuthorize("isAuthenticated()")
    public List<RegionChange> history(String code) {
        regions.get(code); // in scope, or refused
        return jdbc.query(
                "select id, region_code, action, old_value, new_value, successor_code, carried, changed_by, "
                        + "changed_at from region_change where region_code = ? order by changed_at desc, id desc",
                (rs, i) -> new RegionChange(
                        rs.getLong(1),
                        rs.getString(2),
                        RegionChange.Action.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getTimestamp(9).toInstant()),
                code);
    }

    /** Writes one history entry (the list upload writes its own through this too). */
    void record(
            String code,
            RegionChange.Action action,
            String oldValue,
            String newValue,
            String successor,
            String carried) {
        jdbc.update(
                "insert into region_change (region_code, action, old_value, new_value, successor_code, carried, "
                        + "changed_by) values (?, ?, ?, ?, ?, ?, ?)",
                code,
                action.name(),
                oldValue,
                newValue,
                successor,
                carried,
                actor());
    }

    private Region live(String code) {
        Region region = regions.get(code); // refuses what is unknown or outside the caller's scope
        if (region.deleted()) {
            throw new RegionException("region.error.retired", code);
        }
        return region;
    }

    private int liveChildren(String code) {
        return jdbc.queryForObject(
                "select count(*) from region where parent_code = ? and deleted_at is null", Integer.class, code);
    }

    private static String text(Map<String, Integer> carried) {
        return carried.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static String actor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
