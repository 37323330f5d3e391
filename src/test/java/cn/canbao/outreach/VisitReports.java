package cn.canbao.outreach;

import cn.canbao.register.person.NotEnrolledReason;

/** Visit reports as tests record them, with only what the case needs filled in. */
public final class VisitReports {

    private VisitReports() {}

    /** The resident refused to enrol, unwilling, and said nothing more. */
    public static VisitReport refusal(ContactMethod method) {
        return new VisitReport(
                method,
                VisitOutcome.REFUSED,
                NotEnrolledReason.UNWILLING,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
