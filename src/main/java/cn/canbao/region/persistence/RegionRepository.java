package cn.canbao.region.persistence;

import cn.canbao.region.GridKind;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.Sector;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for regions. Subtrees go through the GiST index on {@code path} ({@code <@}), never a walk. */
@Repository
public class RegionRepository {

    private static final String COLUMNS = "code, name, level, parent_code, path::text as path, grid_kind, sector, "
            + "household_population, synthetic, deleted_at";

    private static final RowMapper<Region> MAPPER = (rs, i) -> {
        Timestamp deleted = rs.getTimestamp("deleted_at");
        String kind = rs.getString("grid_kind");
        String sector = rs.getString("sector");
        int population = rs.getInt("household_population");
        return new Region(
                rs.getString("code"),
                rs.getString("name"),
                RegionLevel.valueOf(rs.getString("level")),
                rs.getString("parent_code"),
                rs.getString("path"),
                kind == null ? null : GridKind.valueOf(kind),
                sector == null ? null : Sector.valueOf(sector),
                rs.wasNull() ? null : population,
                rs.getBoolean("synthetic"),
                deleted == null ? null : deleted.toInstant());
    };

    private final JdbcClient jdbc;

    RegionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Region> find(String code) {
        return jdbc.sql("select " + COLUMNS + " from region where code = ?")
                .param(code)
                .query(MAPPER)
                .optional();
    }

    public List<Region> findAll(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from region where code = any(?)")
                .param(codes.toArray(String[]::new))
                .query(MAPPER)
                .list();
    }

    public List<Region> children(String parentCode) {
        return jdbc.sql("select " + COLUMNS + " from region where parent_code = ? and deleted_at is null order by code")
                .param(parentCode)
                .query(MAPPER)
                .list();
    }

    /** Number of live direct children of each given region. */
    public Map<String, Integer> childCounts(Collection<String> parentCodes) {
        Map<String, Integer> counts = new HashMap<>();
        if (parentCodes.isEmpty()) {
            return counts;
        }
        jdbc.sql("select parent_code, count(*) from region where parent_code = any(?) and deleted_at is null "
                        + "group by parent_code")
                .param(parentCodes.toArray(String[]::new))
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /** Regions of a subtree (root included) at one level, live only. */
    public List<Region> subtreeAtLevel(String rootPath, RegionLevel level) {
        return jdbc.sql("select " + COLUMNS
                        + " from region where path <@ ?::ltree and level = ? and deleted_at is null " + "order by code")
                .param(rootPath)
                .param(level.name())
                .query(MAPPER)
                .list();
    }

    /** Live regions of a subtree (root included) at any of the levels, by code. */
    public List<Region> subtreeAtLevels(String rootPath, Collection<RegionLevel> levels) {
        return jdbc.sql("select " + COLUMNS + " from region where path <@ ?::ltree and level = any(?) "
                        + "and deleted_at is null order by code")
                .param(rootPath)
                .param(levels.stream().map(RegionLevel::name).toArray(String[]::new))
                .query(MAPPER)
                .list();
    }

    /** Number of live regions per level in a subtree (root included). */
    public Map<RegionLevel, Integer> countByLevel(String rootPath) {
        Map<RegionLevel, Integer> counts = new HashMap<>();
        jdbc.sql("select level, count(*) from region where path <@ ?::ltree and deleted_at is null group by level")
                .param(rootPath)
                .query(rs -> {
                    counts.put(RegionLevel.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return counts;
    }

    /** The ancestors of a path, root first (excluding the node itself). */
    public List<Region> ancestors(String path) {
        return jdbc.sql("select " + COLUMNS + " from region where path @> ?::ltree and path <> ?::ltree "
                        + "order by nlevel(path)")
                .param(path)
                .param(path)
                .query(MAPPER)
                .list();
    }

    public List<Region> search(String rootPath, String text, int limit) {
        return jdbc.sql("select " + COLUMNS + " from region where path <@ ?::ltree and deleted_at is null "
                        + "and (name like ? or code like ?) order by nlevel(path), code limit ?")
                .param(rootPath)
                .param("%" + text + "%")
                .param(text + "%")
                .param(limit)
                .query(MAPPER)
                .list();
    }

    /** Marks a subtree deleted (revoked); returns how many regions were marked. */
    public int markSubtreeDeleted(String path) {
        return jdbc.sql("update region set deleted_at = now() where path <@ ?::ltree and deleted_at is null")
                .param(path)
                .update();
    }

    /** Each code's name and its parent's name (null for a root); unknown codes are absent. */
    public Map<String, String[]> namesWithParent(Collection<String> codes) {
        Map<String, String[]> names = new HashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        jdbc.sql("select v.code, v.name, t.name from region v left join region t on t.code = v.parent_code "
                        + "where v.code = any(?)")
                .param(codes.toArray(String[]::new))
                .query(rs -> {
                    names.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        return names;
    }

    /** Codes of the regions (revoked ones too) of a subtree (null: all) whose name contains the text. */
    public List<String> codesNamedLike(String rootPath, String text) {
        String like = "%" + text + "%";
        return rootPath == null
                ? jdbc.sql("select code from region where name like ?")
                        .param(like)
                        .query(String.class)
                        .list()
                : jdbc.sql("select code from region where path <@ ?::ltree and name like ?")
                        .param(rootPath)
                        .param(like)
                        .query(String.class)
                        .list();
    }

    public List<Region> roots() {
        return jdbc.sql("select " + COLUMNS
                        + " from region where parent_code is null and deleted_at is null order by code")
                .query(MAPPER)
                .list();
    }
}
