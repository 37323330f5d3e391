package cn.canbao.register;

import cn.canbao.base.Translatable;

/** The groups of SPEC §3 a person may belong to (person_group.grp); hardship enrolment is subsidised. */
public enum PersonGroup implements Translatable {
    STUDENT,
    PRESCHOOL,
    NEWBORN,
    HARDSHIP,
    NEW_FORM_WORKER,
    FLEXIBLE_EMPLOYMENT,
    MIGRANT,
    /** discharged soldiers (退役军人): enrol without a waiting period */
    VETERAN;

    @Override
    public String messageKey() {
        return "register.group." + name();
    }
}
