package cn.canbao.region;

import cn.canbao.base.Translatable;

/** The sectors of industry grids: the departments that reach people through their own channels. */
public enum Sector implements Translatable {
    EDUCATION,
    HEALTH,
    TRANSPORT,
    HOUSING,
    JUSTICE,
    AGRICULTURE,
    VETERANS,
    POSTAL,
    DISABLED_PERSONS;

    @Override
    public String messageKey() {
        return "region.sector." + name();
    }
}
