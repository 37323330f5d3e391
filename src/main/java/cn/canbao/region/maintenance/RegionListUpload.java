package cn.canbao.region.maintenance;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.Region;
import cn.canbao.region.RegionException;
import cn.canbao.region.RegionFile;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.region.Sector;
import cn.canbao.region.persistence.RegionRepository;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A region and grid list uploaded by an administrator (issue 17, point 10: "upload a region/grid list in the UI with the
 * same preview, see the difference against the current tree, confirm"). The list is {@link RegionFile}'s CSV (UTF-8,
 * or GBK/GB18030 as spreadsheets save it). {@link #preview} answers its difference against the tree without writing:
 * new regions, renamed ones, changed attributes (grid kind, sector, population), moves (another parent: never applied
 * from a list — a move is a merge into a region under the new parent), the unchanged, and the live regions under the
 * list's regions that the list does not name (reported, never deleted). {@link #apply} writes the new, renamed and
 * changed ones in one transaction, each change in the region's history. Every region of the list must lie in the
 * uploader's subtree, or nothing is written.
 */
@Service
public class RegionListUpload {

    /** What the list does to one region. */
    public enum Kind {
        NEW,
        RENAMED,
        CHANGED,
        MOVED,
        UNCHANGED,
        ABSENT
    }

    /** One line of the difference: the region, what happens, and the value before and after where it changes. */
    public record Entry(String code, String name, RegionLevel level, Kind kind, String before, String after) {}

    /** The whole difference, in the list's order (the regions absent from it last), with a count per kind. */
    public record Diff(List<Entry> entries, Map<Kind, Integer> counts) {

        public int count(Kind kind) {
            return counts.getOrDefault(kind, 0);
        }
    }

    private final RegionService regions;
    private final RegionRepository repository;
    private final RegionMaintenance maintenance;
    private final CurrentRegionScope scope;
    private final JdbcTemplate jdbc;

    RegionListUpload(
            RegionService regions,
            RegionRepository repository,
            RegionMaintenance maintenance,
            CurrentRegionScope scope,
            JdbcTemplate jdbc) {
        this.regions = regions;
        this.repository = repository;
        this.maintenance = maintenance;
        this.scope = scope;
        this.jdbc = jdbc;
    }

    /** The list's difference against the tree; nothing is written. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Diff preview(byte[] list) {
        return diff(parse(list));
    }

    /** Writes the new, renamed and changed regions of the list (moves and absences are only reported). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Diff apply(byte[] list) {
        List<NewRegion> rows = parse(list);
        Diff diff = diff(rows);
        Map<String, NewRegion> byCode = new HashMap<>();
        rows.forEach(r -> byCode.put(r.code(), r));
        List<NewRegion> added = diff.entries().stream()
                .filter(e -> e.kind() == Kind.NEW)
                .map(e -> byCode.get(e.code()))
                .toList();
        if (!added.isEmpty()) {
            regions.createAll(added);
            added.forEach(r -> maintenance.record(r.code(), RegionChange.Action.CREATED, null, r.name(), null, null));
        }
        for (Entry e : diff.entries()) {
            NewRegion r = byCode.get(e.code());
            if (e.kind() == Kind.RENAMED) {
                maintenance.rename(e.code(), r.name());
            }
            if (e.kind() == Kind.RENAMED || e.kind() == Kind.CHANGED) {
                Region now = regions.get(e.code());
                r = merged(now, r);
                if (!Objects.equals(attributes(now), attributes(r))) {
                    jdbc.update(
                            "update region set grid_kind = ?, sector = ?, household_population = ? where code = ?",
                            r.gridKind() == null ? null : r.gridKind().name(),
                            r.sector() == null ? null : r.sector().name(),
                            r.householdPopulation(),
                            e.code());
                    maintenance.record(
                            e.code(), RegionChange.Action.CHANGED, attributes(now), attributes(r), null, null);
                }
            }
        }
        return diff;
    }

    private Diff diff(List<NewRegion> rows) {
        RegionScope caller = scope.get();
        Set<String> listed = new HashSet<>();
        rows.forEach(r -> listed.add(r.code()));
        Map<String, Region> existing = new HashMap<>();
        repository.findAll(listed).forEach(r -> existing.put(r.code(), r));
        Map<String, Region> parents = new HashMap<>();
        repository
                .findAll(rows.stream()
                        .map(NewRegion::parentCode)
                        .filter(Objects::nonNull)
                        .filter(c -> !listed.contains(c))
                        .distinct()
                        .toList())
                .forEach(r -> parents.put(r.code(), r));
        List<Entry> entries = new ArrayList<>();
        for (NewRegion r : rows) {
            Region now = existing.get(r.code());
            if (now == null) {
                // a new region: its parent is listed before it, or is a region of the caller's subtree
                Region parent = parents.get(r.parentCode());
                if (r.parentCode() == null
                        ? !caller.unrestricted()
                        : !listed.contains(r.parentCode()) && (parent == null || !caller.covers(parent.path()))) {
                    throw RegionException.outOfScope(r.code());
                }
                entries.add(new Entry(r.code(), r.name(), r.level(), Kind.NEW, null, r.name()));
                continue;
            }
            if (!caller.covers(now.path())) {
                throw RegionException.outOfScope(r.code());
            }
            if (!Objects.equals(now.parentCode(), r.parentCode())) {
                entries.add(new Entry(r.code(), r.name(), r.level(), Kind.MOVED, now.parentCode(), r.parentCode()));
            } else if (!now.name().equals(r.name().trim())) {
                entries.add(new Entry(
                        r.code(),
                        r.name(),
                        r.level(),
                        Kind.RENAMED,
                        now.name(),
                        r.name().trim()));
            } else if (!Objects.equals(attributes(now), attributes(merged(now, r)))) {
                entries.add(new Entry(
                        r.code(), r.name(), r.level(), Kind.CHANGED, attributes(now), attributes(merged(now, r))));
            } else {
                entries.add(new Entry(r.code(), r.name(), r.level(), Kind.UNCHANGED, null, null));
            }
        }
        // live children of listed regions that the list leaves out: reported, never deleted
        List<String> listedParents =
                rows.stream().map(NewRegion::code).filter(existing::containsKey).toList();
        if (!listedParents.isEmpty()) {
            jdbc.query(
                    "select code, name, level from region where parent_code = any(?) and deleted_at is null "
                            + "order by code",
                    rs -> {
                        if (!listed.contains(rs.getString(1))) {
                            entries.add(new Entry(
                                    rs.getString(1),
                                    rs.getString(2),
                                    RegionLevel.valueOf(rs.getString(3)),
                                    Kind.ABSENT,
                                    rs.getString(2),
                                    null));
                        }
                    },
                    (Object) listedParents.toArray(String[]::new));
        }
        Map<Kind, Integer> counts = new java.util.EnumMap<>(Kind.class);
        entries.forEach(e -> counts.merge(e.kind(), 1, Integer::sum));
        return new Diff(entries, counts);
    }

    /** The list's row with what it leaves blank (sector, population) taken from the tree: blank means "keep". */
    private static NewRegion merged(Region now, NewRegion r) {
        return new NewRegion(
                r.code(),
                r.name(),
                r.level(),
                r.parentCode(),
                r.gridKind() != null ? r.gridKind() : now.gridKind(),
                r.sector() != null ? r.sector() : (r.gridKind() == null ? now.sector() : null),
                r.householdPopulation() != null ? r.householdPopulation() : now.householdPopulation(),
                r.synthetic());
    }

    private static String attributes(Region r) {
        return attributes(r.gridKind(), r.sector(), r.householdPopulation());
    }

    private static String attributes(NewRegion r) {
        return attributes(r.gridKind(), r.sector(), r.householdPopulation());
    }

    /** Grid kind, sector and population as one text (blank parts left out), e.g. "INDUSTRY · EDUCATION" or "1200". */
    private static String attributes(GridKind kind, Sector sector, Integer population) {
        return java.util.stream.Stream.of(
                        kind == null ? null : kind.name(),
                        sector == null ? null : sector.name(),
                        population == null ? null : population.toString())
                .filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.joining(" · "));
    }

    /** The list's regions; the whole list is refused on its first bad line, naming it. */
    static List<NewRegion> parse(byte[] list) {
        try {
            return RegionFile.read(new StringReader(decode(list)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8 when the bytes are UTF-8 (BOM or not), else GB18030 (which reads GBK), as Excel saves a CSV in China. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }
}
