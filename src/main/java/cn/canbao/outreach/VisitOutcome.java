package cn.canbao.outreach;

import cn.canbao.base.Translatable;

/** What a visit found. MOVED, DECEASED and INSURED_ELSEWHERE raise a data-correction request for a clerk. */
public enum VisitOutcome implements Translatable {
    PAID,
    PROMISED,
    REFUSED,
    INSURED_ELSEWHERE,
    MOVED,
    DECEASED,
    UNREACHABLE;

    /** Whether the register must change once a clerk has verified the finding. */
    public boolean needsCorrection() {
        return this == INSURED_ELSEWHERE || this == MOVED || this == DECEASED;
    }

    @Override
    public String messageKey() {
        return "outreach.outcome." + name();
    }
}
