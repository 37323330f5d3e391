package cn.canbao.quota;

import cn.canbao.base.DomainException;

/** A target decision refused, with a message key of the i18n bundle. */
public class TargetException extends DomainException {

    public TargetException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
