package cn.canbao.register.person;

import cn.canbao.base.Translatable;

/** Why an uninsured person is not enrolled (person.not_enrolled_reason), as grid workers record it. */
public enum NotEnrolledReason implements Translatable {
    WORKS_AWAY,
    INSURED_ELSEWHERE,
    FINANCIAL_HARDSHIP,
    UNWILLING,
    DECEASED_NOT_DEREGISTERED,
    MILITARY_SERVICE,
    ABROAD,
    NOT_FOUND,
    OTHER;

    @Override
    public String messageKey() {
        return "register.reason." + name();
    }
}
