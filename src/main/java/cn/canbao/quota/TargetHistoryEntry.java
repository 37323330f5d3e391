package cn.canbao.quota;

import java.time.Instant;

/** One event in a target's history: proposed, published, split, confirmed, escalated or chased. */
public record TargetHistoryEntry(
        String regionCode,
        String regionName,
        String event,
        Integer oldTarget,
        Integer newTarget,
        String comment,
        String actor,
        Instant at) {}
