package cn.canbao.region;

import cn.canbao.region.persistence.RegionRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The region hierarchy, always seen through the caller's scope: a user bound to a township gets
 * that township's subtree and nothing else, whichever screen or API asks.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class RegionService {

    private static final Logger log = LoggerFactory.getLogger(RegionService.class);

    private final RegionRepository regions;
    private final CurrentRegionScope currentScope;
    private final JdbcTemplate jdbcTemplate;

    RegionService(RegionRepository regions, CurrentRegionScope currentScope, JdbcTemplate jdbcTemplate) {
        this.regions = regions;
        this.currentScope = currentScope;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Checks a code's form (12 digits, or 15 for a grid, with the zeros of its level). */
    public static String requireWellFormed(String code) {
        String trimmed = code == null ? "" : code.trim();
        if (RegionLevel.ofCode(trimmed).isEmpty()) {
            throw RegionException.malformed(trimmed);
        }
        return trimmed;
    }

    /** The region, if the caller may see it; malformed, unknown and out-of-scope codes are refused. */
    public Region get(String code) {
        String wellFormed = requireWellFormed(code);
        Region region = regions.find(wellFormed).orElseThrow(() -> RegionException.notFound(wellFormed));
        if (!currentScope.get().covers(region.path())) {
            throw RegionException.outOfScope(wellFormed);
        }
        return region;
    }

    /**
     * Looks a region up without the caller's scope: for resolving a user's own binding at login (before anyone is
     * authenticated) and for checking that a code exists. A region's name and place are not confidential.
     */
    @PreAuthorize("permitAll()")
    public Optional<Region> findUnscoped(String code) {
        return regions.find(code);
    }

    /**
     * The regions of many codes at once, by code (one query; unknown codes are absent), for naming the rows of a
     * list or report: other modules ask here instead of joining the region table. Regions outside the caller's
     * scope are absent too, so a name never leaks past it.
     */
    public Map<String, Region> byCode(java.util.Collection<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        RegionScope scope = currentScope.get();
        Map<String, Region> found = new HashMap<>();
        for (Region r : regions.findAll(
                codes.stream().filter(java.util.Objects::nonNull).distinct().toList())) {
            if (scope.covers(r.path())) {
                found.put(r.code(), r);
            }
        }
        return found;
    }

    /** The names of many codes at once (see {@link #byCode}); a code without a visible region maps to nothing. */
    public Map<String, String> names(java.util.Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        byCode(codes).forEach((code, r) -> names.put(code, r.name()));
        return names;
    }

    /** Whether the region lies in the given scope (unknown regions lie nowhere). */
    public boolean covers(RegionScope scope, String code) {
        return regions.find(code).map(r -> scope.covers(r.path())).orElse(false);
    }

    /** The caller's top region(s) with child counts: their own region, or all roots for system work. */
    public List<RegionSummary> roots() {
        RegionScope scope = currentScope.get();
        List<Region> roots = scope.unrestricted()
                ? regions.roots()
                : regions.find(scope.rootCode()).stream().toList();
        return summaries(roots);
    }

    /** The live children of a region in scope, with their own child counts. */
    public List<RegionSummary> children(String code) {
        Region parent = get(code);
        return summaries(regions.children(parent.code()));
    }

    /** From the caller's root down to (excluding) the region: for breadcrumbs. */
    public List<Region> ancestorsInScope(String code) {
        Region region = get(code);
        RegionScope scope = currentScope.get();
        return regions.ancestors(region.path()).stream()
                .filter(r -> scope.covers(r.path()))
                .toList();
    }

    /** All live regions of one level in a region's subtree (e.g. the townships of a county). */
    public List<Region> descendantsAtLevel(String code, RegionLevel level) {
        return regions.subtreeAtLevel(get(code).path(), level);
    }

    /** How many townships, villages, grids … a region's subtree holds (the region itself included). */
    public Map<RegionLevel, Integer> countByLevel(String code) {
        return regions.countByLevel(get(code).path());
    }

    /** Regions in scope whose name contains, or code starts with, the text. */
    public List<Region> search(String text, int limit) {
        RegionScope scope = currentScope.get();
        String root = scope.unrestricted() ? null : scope.rootPath();
        if (root == null) {
            return roots().stream()
                    .flatMap(s -> regions.search(s.region().path(), text.trim(), limit).stream())
                    .limit(limit)
                    .toList();
        }
        return regions.search(root, text.trim(), limit);
    }

    /** Adds one region or grid under a parent in the caller's scope. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Region create(NewRegion region) {
        return createAll(List.of(region)).get(0);
    }

    /**
     * Adds a batch of regions in one set of inserts. Each parent must exist already (in scope) or come
     * earlier in the batch; codes must fit their level and start with their parent's digits.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public List<Region> createAll(List<NewRegion> batch) {
        RegionScope scope = currentScope.get();
        batch.forEach(RegionService::validateShape);
        List<String> codes = batch.stream().map(NewRegion::code).toList();
        java.util.Set<String> codeSet = new java.util.HashSet<>(codes);
        List<Region> clashing = regions.findAll(codes);
        if (!clashing.isEmpty() || codeSet.size() != codes.size()) {
            throw new RegionException(
                    "region.error.duplicateCode",
                    clashing.isEmpty() ? duplicateIn(codes) : clashing.get(0).code());
        }
        // parents outside the batch: one lookup for all of them
        Map<String, Region> outside = new HashMap<>();
        regions.findAll(batch.stream()
                        .map(NewRegion::parentCode)
                        .filter(c -> c != null && !codeSet.contains(c))
                        .distinct()
                        .toList())
                .forEach(r -> outside.put(r.code(), r));

        Map<String, String> paths = new HashMap<>();
        Map<String, RegionLevel> levels = new HashMap<>();
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (NewRegion r : batch) {
            String path;
            if (r.parentCode() == null) {
                if (!scope.unrestricted()) {
                    throw RegionException.outOfScope(r.code());
                }
                path = r.code();
            } else {
                String parentPath = paths.get(r.parentCode());
                RegionLevel parentLevel = levels.get(r.parentCode());
                if (parentPath == null) {
                    Region parent = outside.get(r.parentCode());
                    if (parent == null) {
                        throw RegionException.notFound(r.parentCode());
                    }
                    if (!scope.covers(parent.path())) {
                        throw RegionException.outOfScope(parent.code());
                    }
                    if (parent.deleted()) {
                        throw new RegionException("region.error.parentDeleted", parent.code());
                    }
                    parentPath = parent.path();
                    parentLevel = parent.level();
                }
                if (r.level().parentLevel().orElse(null) != parentLevel) {
                    throw new RegionException("region.error.wrongParentLevel", r.code(), r.level(), parentLevel);
                }
                if (!r.code().startsWith(parentLevel.prefixOf(r.parentCode()))) {
                    throw new RegionException("region.error.codeNotUnderParent", r.code(), r.parentCode());
                }
                path = parentPath + "." + r.code();
            }
            paths.put(r.code(), path);
            levels.put(r.code(), r.level());
            rows.add(new Object[] {
                r.code(),
                r.name().trim(),
                r.level().name(),
                r.parentCode(),
                path,
                r.gridKind() == null ? null : r.gridKind().name(),
                r.sector() == null ? null : r.sector().name(),
                r.householdPopulation(),
                r.synthetic()
            });
        }
        jdbcTemplate.batchUpdate(
                "insert into region (code, name, level, parent_code, path, grid_kind, sector, "
                        + "household_population, synthetic) values (?, ?, ?, ?, ?::ltree, ?, ?, ?, ?)",
                rows);
        log.info("Created {} regions", rows.size());
        return regions.findAll(codes).stream()
                .sorted(Comparator.comparing(Region::path))
                .toList();
    }

    /**
     * Adds the regions of the batch whose codes do not exist yet (set-up files may be loaded again);
     * returns how many were new.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public int createMissing(List<NewRegion> batch) {
        java.util.Set<String> existing = new java.util.HashSet<>();
        regions.findAll(batch.stream().map(NewRegion::code).toList()).forEach(r -> existing.add(r.code()));
        List<NewRegion> missing =
                batch.stream().filter(r -> !existing.contains(r.code())).toList();
        return missing.isEmpty() ? 0 : createAll(missing).size();
    }

    private static String duplicateIn(List<String> codes) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return codes.stream().filter(c -> !seen.add(c)).findFirst().orElse("");
    }

    /**
     * Revokes a region and its subtree (行政区划撤销): kept for history, hidden everywhere, and users
     * bound to it can no longer log in. The caller's own region cannot be revoked by the caller.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public int revoke(String code) {
        Region region = get(code);
        RegionScope scope = currentScope.get();
        if (!scope.unrestricted() && region.code().equals(scope.rootCode())) {
            throw new RegionException("region.error.cannotRevokeOwn", code);
        }
        int count = regions.markSubtreeDeleted(region.path());
        log.info("Revoked region {} ({}) and its subtree: {} regions", region.code(), region.name(), count);
        return count;
    }

    private static void validateShape(NewRegion r) {
        if (r.level() == null || !r.level().accepts(r.code())) {
            throw RegionException.malformed(r.code());
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 100) {
            throw new RegionException("region.error.name", r.code());
        }
        boolean grid = r.level() == RegionLevel.GRID;
        if (grid != (r.gridKind() != null) || (r.gridKind() == GridKind.INDUSTRY) != (r.sector() != null)) {
            throw new RegionException("region.error.gridFields", r.code());
        }
        if (r.householdPopulation() != null && r.householdPopulation() < 0) {
            throw new RegionException("region.error.population", r.code());
        }
    }

    private List<RegionSummary> summaries(List<Region> list) {
        Map<String, Integer> counts =
                regions.childCounts(list.stream().map(Region::code).toList());
        return list.stream()
                .map(r -> new RegionSummary(r, counts.getOrDefault(r.code(), 0)))
                .toList();
    }

    /** How records name a region: its own name and its parent's (a village: its township's). */
    public record Label(String name, String parentName) {
        /** Parent and own name together, as people write a village (桃城镇丰山村); the name alone for a root. */
        public String full() {
            return parentName == null ? name : parentName + name;
        }
    }

    /**
     * The labels of the regions many records refer to, in one query (unknown codes are absent). Unlike
     * {@link #byCode} they are not cut at the caller's scope: a record the caller may see (a person registered in
     * one township and living in the next, a transfer request from another township, a refused import row about
     * a person elsewhere) names the regions it refers to, and the names of administrative divisions are public
     * (published with their statistical codes). Only names: nothing of the hierarchy below them. A caller is
     * required (system work included).
     */
    public Map<String, Label> labels(java.util.Collection<String> codes) {
        currentScope.get(); // refuses when nobody calls
        Map<String, Label> labels = new HashMap<>();
        regions.namesWithParent(codes.stream()
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList())
                .forEach((code, names) -> labels.put(code, new Label(names[0], names[1])));
        return labels;
    }

    /**
     * Many regions at once without the caller's scope, revoked ones included (unknown codes are absent): like
     * {@link #findUnscoped}, for resolving users' own bindings where nobody is logged in yet (login, the check of
     * a session, the process engine's user directory).
     */
    @PreAuthorize("permitAll()")
    public Map<String, Region> findAllUnscoped(java.util.Collection<String> codes) {
        Map<String, Region> found = new HashMap<>();
        regions.findAll(codes.stream()
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList())
                .forEach(r -> found.put(r.code(), r));
        return found;
    }

    /**
     * The codes of the regions in the caller's scope whose name contains the text, revoked ones included (rows
     * bound to them still carry their codes): for filtering rows keyed by region code by the region's name.
     */
    public List<String> codesNamedLike(String text) {
        RegionScope scope = currentScope.get();
        return text == null || text.isBlank() ? List.of() : regions.codesNamedLike(scope.rootPath(), text.trim());
    }

    /**
     * The live regions of a region's subtree (itself included) at the given levels, by code, in one query: for
     * figures other modules compute per region of a county. The region must be in the caller's scope.
     */
    public List<Region> subtree(String code, java.util.Set<RegionLevel> levels) {
        return regions.subtreeAtLevels(get(code).path(), levels);
    }

    /**
     * The names of many codes at once (one query) for what a whole county shares and reads at every level of it
     * (its campaigns, bulletins): besides the caller's subtree (as {@link #names}), the regions above the caller
     * and those of the caller's county. Other codes map to nothing.
     */
    public Map<String, String> countyNames(java.util.Collection<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        RegionScope scope = currentScope.get();
        String county = scope.unrestricted() ? null : countyOf(scope.rootPath());
        Map<String, String> names = new HashMap<>();
        for (Region r : regions.findAll(
                codes.stream().filter(java.util.Objects::nonNull).distinct().toList())) {
            if (county == null
                    || r.path().equals(county)
                    || r.path().startsWith(county + ".")
                    || county.startsWith(r.path() + ".")) {
                names.put(r.code(), r.name());
            }
        }
        return names;
    }

    /** The path of the county a path lies in, or the path itself when it lies above any county. */
    private static String countyOf(String path) {
        String[] codes = path.split("\\.");
        for (int i = 0; i < codes.length; i++) {
            if (RegionLevel.ofCode(codes[i]).orElse(null) == RegionLevel.COUNTY) {
                return String.join(".", java.util.Arrays.copyOf(codes, i + 1));
            }
        }
        return path;
    }
}
