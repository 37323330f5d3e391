package cn.canbao.register.directory;

import cn.canbao.base.Texts;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.register.person.PersonStatus;

/**
 * What to look for in the register; every criterion left null (or blank) matches everyone, and the
 * caller's scope always applies on top.
 *
 * @param text              a full ID number, an 11-digit mobile number, or (else) a name: one character
 *                          is a surname (prefix), more are contained anywhere in the name
 * @param regionCode        any region of the caller's subtree: persons whose household or residence
 *                          region lies under it (for a grid: whose grid it is)
 * @param status            the file's status
 * @param group             a group the person belongs to now
 * @param notEnrolledReason the recorded reason for not being enrolled
 * @param enrolledInYear    true: enrolled in {@code year}; false: not enrolled in it
 * @param year              the year {@code enrolledInYear} asks about (the current year when null)
 */
public record PersonSearch(
        String text,
        String regionCode,
        PersonStatus status,
        PersonGroup group,
        NotEnrolledReason notEnrolledReason,
        Boolean enrolledInYear,
        Integer year) {

    public static final PersonSearch ALL = new PersonSearch(null, null, null, null, null, null, null);

    public static PersonSearch text(String text) {
        return ALL.withText(text);
    }

    public PersonSearch withText(String text) {
        return new PersonSearch(text, regionCode, status, group, notEnrolledReason, enrolledInYear, year);
    }

    public PersonSearch withRegion(String regionCode) {
        return new PersonSearch(text, regionCode, status, group, notEnrolledReason, enrolledInYear, year);
    }

    public PersonSearch withStatus(PersonStatus status) {
        return new PersonSearch(text, regionCode, status, group, notEnrolledReason, enrolledInYear, year);
    }

    public PersonSearch withGroup(PersonGroup group) {
        return new PersonSearch(text, regionCode, status, group, notEnrolledReason, enrolledInYear, year);
    }

    public PersonSearch withNotEnrolledReason(NotEnrolledReason reason) {
        return new PersonSearch(text, regionCode, status, group, reason, enrolledInYear, year);
    }

    public PersonSearch withEnrollment(Boolean enrolled, Integer year) {
        return new PersonSearch(text, regionCode, status, group, notEnrolledReason, enrolled, year);
    }

    /** The search text stripped, or null when blank. */
    public String trimmedText() {
        return Texts.stripToNull(text);
    }

    /** Without the full ID number or mobile a search text may be (searches end up in logs). */
    @Override
    public String toString() {
        String shown = text;
        if (text != null && IdNumber.isValid(text)) {
            shown = IdNumber.mask(IdNumber.of(text).value());
        } else if (text != null && MobileNumber.isValid(text)) {
            shown = MobileNumber.mask(MobileNumber.normalise(text).orElseThrow());
        }
        return "PersonSearch[text=" + shown + ", regionCode=" + regionCode + ", status=" + status + ", group=" + group
                + ", notEnrolledReason=" + notEnrolledReason + ", enrolledInYear=" + enrolledInYear + ", year=" + year
                + "]";
    }
}
