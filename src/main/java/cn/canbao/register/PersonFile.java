package cn.canbao.register;

import cn.canbao.register.directory.EnrollmentContinuity;
import cn.canbao.register.directory.PersonDirectory;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.register.person.PersonStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A person's whole file (一人一档) as the person view shows it, with the full ID number and mobile:
 * only {@link PersonDirectory#open} hands it out, and records that it did.
 */
public record PersonFile(
        String idNumber,
        String name,
        IdNumber.Sex sex,
        LocalDate birthDate,
        int age,
        String mobile,
        String address,
        Place household,
        Place residence,
        Place grid,
        PersonStatus status,
        LocalDate statusDate,
        NotEnrolledReason notEnrolledReason,
        boolean smsOptOut,
        String fileNumber,
        String fileType,
        String fileMarker,
        List<Membership> groups,
        List<Enrollment> enrollments,
        List<Payment> payments,
        EnrollmentContinuity continuity) {

    public PersonFile {
        groups = List.copyOf(groups);
        enrollments = List.copyOf(enrollments);
        payments = List.copyOf(payments);
    }

    /** A region or grid of the file: its code and name (null when unset). */
    public record Place(String code, String name) {}

    public record Membership(PersonGroup group, String detail, LocalDate since, LocalDate until) {}

    public record Enrollment(
            int year, String scheme, String place, String insuredRegion, LocalDate paidDate, BigDecimal amount) {}

    public record Payment(String receiptNo, int year, String scheme, LocalDate paidDate, BigDecimal amount) {}

    /** Masked, so a file logged by accident does not spill the ID number and mobile. */
    @Override
    public String toString() {
        return "PersonFile[" + IdNumber.mask(idNumber) + ", " + name + ", " + MobileNumber.mask(mobile) + ", " + status
                + "]";
    }
}
