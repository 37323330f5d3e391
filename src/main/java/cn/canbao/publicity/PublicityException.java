package cn.canbao.publicity;

import cn.canbao.base.DomainException;

/** A publicity request refused, with a message key of the i18n bundle. */
public class PublicityException extends DomainException {

    PublicityException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
