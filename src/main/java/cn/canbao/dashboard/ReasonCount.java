package cn.canbao.dashboard;

import cn.canbao.base.Translatable;

/** How many uninsured residents gave one reason for not enrolling ({@link #UNRECORDED}: none recorded yet). */
public record ReasonCount(String reason, int persons) implements Translatable {

    public static final String UNRECORDED = "UNRECORDED";

    @Override
    public String messageKey() {
        return UNRECORDED.equals(reason) ? "dashboard.reason.unrecorded" : "register.reason." + reason;
    }
}
