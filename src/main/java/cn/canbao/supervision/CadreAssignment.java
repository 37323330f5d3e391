package cn.canbao.supervision;

import java.time.Instant;

/** A township cadre answering for a village (包村), as a leader lists them: who, which village, since when, by whom. */
public record CadreAssignment(
        String username,
        String displayName,
        String villageCode,
        String villageName,
        String assignedBy,
        Instant assignedAt) {}
