package cn.canbao.sms;

import cn.canbao.base.DomainException;

/** An SMS request or template refused, with a message key of the i18n bundle. */
public class SmsException extends DomainException {

    public SmsException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
