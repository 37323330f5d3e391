package cn.canbao.outreach;

import cn.canbao.base.Translatable;

/** How the grid worker reached (or tried to reach) the resident. */
public enum ContactMethod implements Translatable {
    HOME,
    PHONE,
    WECHAT,
    OTHER;

    @Override
    public String messageKey() {
        return "outreach.method." + name();
    }
}
