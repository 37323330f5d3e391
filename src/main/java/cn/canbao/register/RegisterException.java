package cn.canbao.register;

import cn.canbao.base.DomainException;

/** A refusal of the register: unknown import, file that cannot be imported, and the like. */
public class RegisterException extends DomainException {

    public RegisterException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
