package cn.canbao.escalation;

import cn.canbao.base.DomainException;

/** An escalation step or rule refused, with a message key of the i18n bundle. */
public class EscalationException extends DomainException {

    EscalationException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
