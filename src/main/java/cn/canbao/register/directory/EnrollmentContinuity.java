package cn.canbao.register.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Continuous and break years of a person's enrollment, derived from the years enrolled (any scheme,
 * any place) up to the current year. The current year is still open: enrolled, it extends the run;
 * not (yet) enrolled, it is neither counted nor a break. A break is a year after the first enrollment
 * without one; years before the first enrollment are not breaks (the person was never insured then).
 *
 * @param firstYear         the first year enrolled up to the current year, or null when never enrolled
 * @param continuousYears   the run of consecutive enrolled years ending at the current year (or at the
 *                          previous year while the current one is open)
 * @param breakYears        years after the first enrollment and before the current year without enrollment
 * @param currentYearEnrolled whether the current year is enrolled
 */
public record EnrollmentContinuity(
        Integer firstYear, int continuousYears, List<Integer> breakYears, boolean currentYearEnrolled) {

    public EnrollmentContinuity {
        breakYears = List.copyOf(breakYears);
    }

    public static EnrollmentContinuity of(Collection<Integer> enrolledYears, int currentYear) {
        TreeSet<Integer> years = new TreeSet<>(enrolledYears);
        years.removeIf(y -> y > currentYear);
        if (years.isEmpty()) {
            return new EnrollmentContinuity(null, 0, List.of(), false);
        }
        boolean current = years.contains(currentYear);
        int run = 0;
        for (int y = current ? currentYear : currentYear - 1; years.contains(y); y--) {
            run++;
        }
        List<Integer> breaks = new ArrayList<>();
        for (int y = years.first() + 1; y < currentYear; y++) {
            if (!years.contains(y)) {
                breaks.add(y);
            }
        }
        return new EnrollmentContinuity(years.first(), run, breaks, current);
    }
}
