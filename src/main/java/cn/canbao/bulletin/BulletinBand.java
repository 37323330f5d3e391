package cn.canbao.bulletin;

import cn.canbao.base.Translatable;

/** The colour a township gets in the bulletin: on or above the expected line, a little below, well below. */
public enum BulletinBand implements Translatable {
    GREEN, YELLOW, RED;

    @Override
    public String messageKey() {
        return "bulletin.band." + name();
    }
}
