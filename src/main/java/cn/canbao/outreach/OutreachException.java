package cn.canbao.outreach;

import cn.canbao.base.DomainException;

/** An outreach request refused, with a message key of the i18n bundle. */
public class OutreachException extends DomainException {

    public OutreachException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
