package cn.canbao.register.persistence;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * The register's today, from the application's one Clock (tests fix it), in the counties' zone; and the
 * conditions over custody and employee suspension that several register doors share, so they read the same.
 */
@Component
public final class RegisterDay {

    /**
     * "新增“职工中止参保人员”超3月" (seeds/yancheng-one-person-one-file-pilot.txt, 实施步骤 3): an employee whose employee
     * insurance stopped more than 3 months ago is compared like the uninsured.
     */
    public static final int SUSPENSION_MONTHS = 3;

    private final Clock clock;

    RegisterDay(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The day a year's figures are taken on: today, or the year's last day for a year already past. */
    public LocalDate referenceDay(int year) {
        LocalDate today = today();
        LocalDate last = LocalDate.of(year, 12, 31);
        return today.isAfter(last) ? last : today;
    }

    /**
     * SQL: person {@code alias} is held in custody on the day bound to the named parameter (or {@code ?}). A release
     * date ends the custody on that day: from then on the person counts again.
     */
    public static String heldOn(String alias, String day) {
        return "exists (select 1 from person_custody c where c.id_number = " + alias + ".id_number and c.since <= "
                + day + " and (c.until is null or c.until > " + day + "))";
    }

    /** SQL: person {@code alias}'s employee insurance stopped more than 3 months before the day and has not resumed. */
    public static String suspendedOn(String alias, String day) {
        return "exists (select 1 from employee_suspension u where u.id_number = " + alias + ".id_number "
                + "and u.suspended_on < " + day + " - interval '" + SUSPENSION_MONTHS + " months' "
                + "and (u.resumed_on is null or u.resumed_on > " + day + "))";
    }
}
