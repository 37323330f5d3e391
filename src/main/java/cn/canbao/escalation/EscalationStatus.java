package cn.canbao.escalation;

import cn.canbao.base.Translatable;

/**
 * Where a case stands: a summons proposed to the county leader, postponed to a day, waived (closed, with a reason);
 * waiting for the summons (约谈), for the rectification plan, for the re-check at the deadline; resolved, escalated to
 * the levels above the county, or unresolved with no level above the county configured (closed at the county).
 */
public enum EscalationStatus implements Translatable {
    PROPOSED,
    POSTPONED,
    WAIVED,
    SUMMONS,
    RECTIFYING,
    RECHECK,
    RESOLVED,
    ESCALATED,
    UNRESOLVED;

    @Override
    public String messageKey() {
        return "escalation.status." + name();
    }
}
