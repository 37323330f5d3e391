package cn.canbao.cadence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A township's dispatch (乡镇调度): the villages found lagging when it was due, and the leader's instructions. */
public record TownshipDispatch(
        long campaignId,
        String townshipCode,
        String townshipName,
        LocalDate dispatchDate,
        List<String> laggingVillages,
        String instructions,
        Instant dueAt,
        Instant confirmedAt,
        String confirmedBy,
        ReportState state) {}
