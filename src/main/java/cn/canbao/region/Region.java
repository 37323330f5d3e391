package cn.canbao.region;

import java.time.Instant;

/**
 * One node of the hierarchy: a region with its statistical code, or a grid (level GRID) with its
 * kind and, for industry grids, its sector. {@code path} is the chain of codes from the root.
 */
public record Region(
        String code,
        String name,
        RegionLevel level,
        String parentCode,
        String path,
        GridKind gridKind,
        Sector sector,
        Integer householdPopulation,
        boolean synthetic,
        Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean isGrid() {
        return level == RegionLevel.GRID;
    }
}
