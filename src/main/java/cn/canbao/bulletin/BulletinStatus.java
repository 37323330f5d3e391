package cn.canbao.bulletin;

import cn.canbao.base.Translatable;

/** A bulletin is drafted by the system and read by everyone once the county leader has published it. */
public enum BulletinStatus implements Translatable {
    DRAFT,
    PUBLISHED;

    @Override
    public String messageKey() {
        return "bulletin.status." + name();
    }
}
