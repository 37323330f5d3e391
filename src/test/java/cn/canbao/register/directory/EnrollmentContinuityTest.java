package cn.canbao.register.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Continuous and break years as the person file shows them, in the year 2025. */
class EnrollmentContinuityTest {

    private static final int NOW = 2025;

    @Test
    void neverEnrolledHasNoRunAndNoBreaks() {
        assertThat(EnrollmentContinuity.of(List.of(), NOW))
                .isEqualTo(new EnrollmentContinuity(null, 0, List.of(), false));
    }

    @Test
    void anUnbrokenRunUpToTheCurrentYearCountsEveryYear() {
        assertThat(EnrollmentContinuity.of(List.of(2021, 2022, 2023, 2024, 2025), NOW))
                .isEqualTo(new EnrollmentContinuity(2021, 5, List.of(), true));
    }

    @Test
    void theCurrentYearNotYetPaidIsNeitherCountedNorABreak() {
        assertThat(EnrollmentContinuity.of(List.of(2022, 2023, 2024), NOW))
                .isEqualTo(new EnrollmentContinuity(2022, 3, List.of(), false));
    }

    @Test
    void gapsAfterTheFirstEnrollmentAreBreaksAndTheRunStartsAfterTheLastOne() {
        assertThat(EnrollmentContinuity.of(Set.of(2016, 2017, 2019, 2022, 2023, 2025, 2024), NOW))
                .isEqualTo(new EnrollmentContinuity(2016, 4, List.of(2018, 2020, 2021), true));
    }

    @Test
    void aPersonWhoStoppedPayingHasNoRunAndEveryYearSinceIsABreak() {
        assertThat(EnrollmentContinuity.of(List.of(2019, 2020, 2021), NOW))
                .isEqualTo(new EnrollmentContinuity(2019, 0, List.of(2022, 2023, 2024), false));
    }

    @Test
    void bothSchemesInOneYearCountOnceAndYearsAfterTheCurrentOneAreIgnored() {
        assertThat(EnrollmentContinuity.of(List.of(2024, 2024, 2025, 2025, 2026), NOW))
                .isEqualTo(new EnrollmentContinuity(2024, 2, List.of(), true));
        assertThat(EnrollmentContinuity.of(List.of(2026), NOW))
                .isEqualTo(new EnrollmentContinuity(null, 0, List.of(), false));
    }

    @Test
    void onlyTheCurrentYearIsARunOfOne() {
        assertThat(EnrollmentContinuity.of(List.of(2025), NOW))
                .isEqualTo(new EnrollmentContinuity(2025, 1, List.of(), true));
    }
}
