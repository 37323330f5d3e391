package cn.canbao.escalation;

import cn.canbao.base.Translatable;

/**
 * Where a case stands: waiting for the summons (约谈), for the rectification plan, for the re-check at
 * the deadline; resolved, or escalated to the city (level 2).
 */
public enum EscalationStatus implements Translatable {
    SUMMONS, RECTIFYING, RECHECK, RESOLVED, ESCALATED;

    @Override
    public String messageKey() {
        return "escalation.status." + name();
    }
}
