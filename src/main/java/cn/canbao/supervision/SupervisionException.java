package cn.canbao.supervision;

import cn.canbao.base.DomainException;

/** A cadre assignment or supervision-team request refused for a reason the caller can fix or must accept. */
public class SupervisionException extends DomainException {

    public SupervisionException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
