package cn.canbao.register.person;

import cn.canbao.base.Translatable;

/** Where a person's file stands: living in the register, deceased, or cancelled (moved out, duplicate …). */
public enum PersonStatus implements Translatable {
    ACTIVE,
    DECEASED,
    CANCELLED;

    @Override
    public String messageKey() {
        return "register.status." + name();
    }
}
