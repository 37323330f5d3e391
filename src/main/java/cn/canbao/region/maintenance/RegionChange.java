package cn.canbao.region.maintenance;

import java.time.Instant;

/**
 * One entry of a region's history after its creation: renamed, attributes changed, merged into a successor (with what
 * was carried over), retired.
 */
public record RegionChange(
        long id,
        String regionCode,
        Action action,
        String oldValue,
        String newValue,
        String successorCode,
        String carried,
        String changedBy,
        Instant changedAt) {

    public enum Action {
        CREATED,
        RENAMED,
        CHANGED,
        MERGED,
        RETIRED
    }
}
