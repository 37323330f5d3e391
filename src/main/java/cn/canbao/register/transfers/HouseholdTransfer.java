package cn.canbao.register.transfers;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A transfer request (户籍迁移申请): a police row that would move a person's household across the edge of the
 * importer's region, held until the other side decides. Lists carry the masked ID number only.
 *
 * @param fromName  township and village of the household before ({@code fromRegion})
 * @param toName    township and village the row asks for ({@code toRegion})
 * @param approverName township and village of the side that decides ({@code approverRegion})
 * @param decidable whether the caller may approve or reject it (pending, the other side, not the requester)
 */
public record HouseholdTransfer(
        long id,
        String maskedId,
        String name,
        String fromRegion,
        String fromName,
        String toRegion,
        String toName,
        String toResidence,
        String toGrid,
        String event,
        LocalDate eventDate,
        String approverRegion,
        String approverName,
        long importId,
        String requestedBy,
        Instant requestedAt,
        Status status,
        String decidedBy,
        Instant decidedAt,
        String note,
        boolean decidable) {

    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }
}
