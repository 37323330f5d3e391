package cn.canbao.dashboard;

import cn.canbao.base.DomainException;

/** A dashboard refused, with a message key of the i18n bundle. */
public class DashboardException extends DomainException {

    DashboardException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
