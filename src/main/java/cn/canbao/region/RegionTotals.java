package cn.canbao.region;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts of regions (villages, grids …) summed into every region above them, in memory: codes carry their
 * ancestors' digits, so a region's total is that of the codes starting with its prefix — the roll-up other
 * modules did by joining the region table on its paths, without a query per region.
 */
public final class RegionTotals {

    private final int width;
    private final Map<String, int[]> totals = new HashMap<>();

    /** Totals of {@code width} counts each. */
    public RegionTotals(int width) {
        this.width = width;
    }

    /** Adds a region's counts to it and to every region above it (malformed codes are ignored). */
    public void add(String code, int... counts) {
        RegionLevel level = code == null ? null : RegionLevel.ofCode(code).orElse(null);
        if (level == null) {
            return;
        }
        for (RegionLevel l : RegionLevel.values()) {
            int[] sum = totals.computeIfAbsent(l.prefixOf(code), k -> new int[width]);
            for (int i = 0; i < width; i++) {
                sum[i] += counts[i];
            }
            if (l == level) {
                return;
            }
        }
    }

    /** The totals of a region's subtree (itself included); zeros when nothing was added under it. */
    public int[] of(String code) {
        RegionLevel level = RegionLevel.ofCode(code).orElseThrow(() -> RegionException.malformed(code));
        return totals.getOrDefault(level.prefixOf(code), new int[width]).clone();
    }
}
