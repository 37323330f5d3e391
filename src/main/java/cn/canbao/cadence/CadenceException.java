package cn.canbao.cadence;

import cn.canbao.base.DomainException;

/** A cadence decision refused, with a message key of the i18n bundle. */
public class CadenceException extends DomainException {

    public CadenceException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
