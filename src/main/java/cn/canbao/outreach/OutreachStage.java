package cn.canbao.outreach;

import cn.canbao.base.Translatable;

/** Where a case stands: reminders sent, visit due, promise awaited, or ended. */
public enum OutreachStage implements Translatable {
    STARTED,
    REMINDED,
    REMINDED_AGAIN,
    VISIT_DUE,
    PROMISED,
    ENDED;

    @Override
    public String messageKey() {
        return "outreach.stage." + name();
    }
}
