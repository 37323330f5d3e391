package cn.canbao.security;

import cn.canbao.base.DomainException;

/** A user-management request refused for a reason the caller can fix or must accept. */
public class UserException extends DomainException {

    public UserException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
