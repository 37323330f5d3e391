package cn.canbao.quota;

import cn.canbao.base.Translatable;

/** The levels a target is assigned at: the county's own total, then township → village → grid. */
public enum TargetLevel implements Translatable {
    COUNTY,
    TOWNSHIP,
    VILLAGE,
    GRID;

    @Override
    public String messageKey() {
        return "targets.level." + name();
    }
}
