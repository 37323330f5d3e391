package cn.canbao.outreach;

import cn.canbao.register.person.NotEnrolledReason;
import java.time.LocalDate;

/**
 * What the grid worker records on the visit form. The correction fields matter only for the outcomes that
 * need one: {@code movedTo} (a region code in the register, or null when moved out of the county),
 * {@code eventDate} (date of death), {@code insuredScheme}/{@code insuredWhere}.
 */
public record VisitReport(
        ContactMethod method,
        VisitOutcome outcome,
        NotEnrolledReason reason,
        LocalDate promisedDate,
        String correctedMobile,
        String correctedAddress,
        String note,
        String evidence,
        String movedTo,
        LocalDate eventDate,
        String insuredScheme,
        String insuredWhere) {

    /** The same report with another outcome: a household member's own (issue 16: one visit, each member's outcome). */
    public VisitReport withOutcome(VisitOutcome other) {
        return other == outcome
                ? this
                : new VisitReport(
                        method,
                        other,
                        reason,
                        promisedDate,
                        correctedMobile,
                        correctedAddress,
                        note,
                        evidence,
                        movedTo,
                        eventDate,
                        insuredScheme,
                        insuredWhere);
    }
}
