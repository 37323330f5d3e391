package cn.canbao.register.person;

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
    /** soldiers who left active service (退出现役军人), since the day they left: in that year no waiting period */
    VETERAN,
    /** the unemployed spouse who accompanied a soldier (随军未就业配偶), since the day the soldier left service */
    MILITARY_SPOUSE;

    @Override
    public String messageKey() {
        return "register.group." + name();
    }
}
