package cn.canbao.register.person;

import cn.canbao.base.Translatable;

/** The two schemes of basic medical insurance (enrollment.scheme): employee 职工医保, resident 居民医保. */
public enum InsuranceScheme implements Translatable {
    EMPLOYEE,
    RESIDENT;

    @Override
    public String messageKey() {
        return "scheme." + name();
    }
}
