package cn.canbao.outreach.correction;

import cn.canbao.base.database.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A data-correction request and, once decided, the clerk's decision; {@code regionCode} is where the resident
 * was visited (the grid, else village, else the person's residence or household region).
 */
public record CorrectionRequest(
        long id,
        String idNumber,
        String name,
        Long campaignId,
        Long visitId,
        CorrectionKind kind,
        String evidence,
        String movedTo,
        String movedToName,
        LocalDate eventDate,
        String insuredScheme,
        String insuredWhere,
        Status status,
        String requestedBy,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        String regionCode) {

    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }

    /** The request as outreach keeps it, with the visit's region; the resident's name and the moved-to name come later. */
    static final String SELECT = "select r.id, r.id_number, r.campaign_id, r.visit_id, r.kind, r.evidence, r.moved_to, "
            + "r.event_date, r.insured_scheme, r.insured_where, r.status, r.requested_by, r.requested_at, "
            + "r.decided_by, r.decided_at, r.decision_note, coalesce(v.grid_code, v.village_code) region_code "
            + "from correction_request r left join visit v on v.id = r.visit_id";

    /** Reads {@link #SELECT}: without name and moved-to name, and without a region when there was no visit. */
    static final RowMapper<CorrectionRequest> MAPPER = (rs, n) -> new CorrectionRequest(
            rs.getLong("id"),
            rs.getString("id_number"),
            null,
            (Long) rs.getObject("campaign_id"),
            (Long) rs.getObject("visit_id"),
            CorrectionKind.valueOf(rs.getString("kind")),
            rs.getString("evidence"),
            rs.getString("moved_to"),
            null,
            rs.getObject("event_date", LocalDate.class),
            rs.getString("insured_scheme"),
            rs.getString("insured_where"),
            Status.valueOf(rs.getString("status")),
            rs.getString("requested_by"),
            Timestamps.instant(rs.getTimestamp("requested_at")),
            rs.getString("decided_by"),
            Timestamps.instant(rs.getTimestamp("decided_at")),
            rs.getString("decision_note"),
            rs.getString("region_code"));

    /** The request with its resident's name, its region (the visit's, else the resident's) and the moved-to name. */
    CorrectionRequest with(String name, String regionCode, String movedToName) {
        return new CorrectionRequest(
                id,
                idNumber,
                name,
                campaignId,
                visitId,
                kind,
                evidence,
                movedTo,
                movedToName,
                eventDate,
                insuredScheme,
                insuredWhere,
                status,
                requestedBy,
                requestedAt,
                decidedBy,
                decidedAt,
                decisionNote,
                regionCode);
    }
}
