package cn.canbao.bulletin;

import cn.canbao.base.DomainException;

/** A bulletin request refused, with a message key of the i18n bundle. */
public class BulletinException extends DomainException {

    public BulletinException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    static BulletinException notFound(Object which) {
        return new BulletinException("bulletin.notFound", which);
    }
}
