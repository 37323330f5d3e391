package cn.canbao.outreach.correction;

import cn.canbao.base.Translatable;
import cn.canbao.outreach.VisitOutcome;

/** What a data-correction request says changed. */
public enum CorrectionKind implements Translatable {
    MOVED,
    DECEASED,
    INSURED_ELSEWHERE;

    static CorrectionKind of(VisitOutcome outcome) {
        return valueOf(outcome.name());
    }

    @Override
    public String messageKey() {
        return "outreach.outcome." + name();
    }
}
