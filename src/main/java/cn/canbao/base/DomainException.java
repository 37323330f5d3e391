package cn.canbao.base;

import java.util.Arrays;

/**
 * A refusal the user must understand: carries a message key of the i18n bundle and its arguments,
 * so views show it in the user's language and logs show the English rendering.
 */
public class DomainException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public DomainException(String messageKey, Object... args) {
        super(messageKey + Arrays.toString(args));
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
