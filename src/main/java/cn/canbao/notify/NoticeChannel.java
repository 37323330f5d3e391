package cn.canbao.notify;

import cn.canbao.base.Translatable;

/**
 * How a user wants notices: DEFAULT (their region's choice), SMS to their own phone, GROUP (the work group chat of the
 * nearest region above them with a robot, mentioning them), NONE. A region chooses among SMS, GROUP and NONE.
 */
public enum NoticeChannel implements Translatable {
    DEFAULT,
    SMS,
    GROUP,
    NONE;

    @Override
    public String messageKey() {
        return "notify.channel." + name();
    }
}
