package cn.canbao.register;

import cn.canbao.base.Translatable;
import java.util.Locale;
import java.util.Optional;

/** The data extracts the register is fed with (layouts in docs/extract-layouts.md). */
public enum ExtractKind implements Translatable {
    POLICE_HOUSEHOLD,
    INSURANCE_STATUS,
    HARDSHIP,
    STUDENT,
    TAX_PAYMENT,
    VETERAN,
    /** 司法数据: persons in custody (在押, 服刑), left out of targets and outreach while held. */
    JUSTICE_CUSTODY,
    /** 职工中止参保: employees whose employee insurance stopped; after more than 3 months, outreach for resident insurance. */
    EMPLOYEE_SUSPENSION,
    /** 卫健出生医学证明: newborns before their household registration, enrolled with the certificate. */
    BIRTH_CERTIFICATE;

    @Override
    public String messageKey() {
        return "register.kind." + name();
    }

    /** Accepts {@code police_household} as well as {@code POLICE_HOUSEHOLD}. */
    public static Optional<ExtractKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
