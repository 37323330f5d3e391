package cn.canbao.policy;

import cn.canbao.base.DomainException;

/** A policy assessment or rule upload refused, with a message key of the i18n bundle. */
public class PolicyException extends DomainException {

    public PolicyException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
