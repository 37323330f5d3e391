package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The one Clock bean: its zone is {@code canbao.zone}'s (Asia/Shanghai unset), its instant Camunda's clock. */
class CanbaoClockTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(ClockConfiguration.class);

    @AfterEach
    void resetCamundasClock() {
        ClockUtil.reset();
    }

    @Test
    void theZoneFollowsTheSetting() {
        context.run(c -> assertThat(c.getBean(Clock.class).getZone())
                .isEqualTo(ZoneId.of("Asia/Shanghai"))
                .isEqualTo(CanbaoClock.DEFAULT_ZONE));
        context.withPropertyValues("canbao.zone=Europe/Berlin")
                .run(c -> assertThat(c.getBean(Clock.class).getZone()).isEqualTo(ZoneId.of("Europe/Berlin")));
    }

    @Test
    void theInstantFollowsCamundasClock() {
        context.run(c -> {
            Clock clock = c.getBean(Clock.class);
            // 23:30 UTC on New Year's Eve is already New Year's Day in Shanghai
            Instant moved = Instant.parse("2030-12-31T23:30:00Z");
            ClockUtil.setCurrentTime(Date.from(moved));
            assertThat(clock.instant()).isEqualTo(moved);
            assertThat(clock.millis()).isEqualTo(moved.toEpochMilli());
            assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.of(2031, 1, 1));
            ClockUtil.setCurrentTime(Date.from(moved.plusSeconds(3600)));
            assertThat(clock.instant()).isEqualTo(moved.plusSeconds(3600));
        });
    }

    @Test
    void anotherZoneKeepsTheSource() {
        Clock clock = new CanbaoClock(CanbaoClock.DEFAULT_ZONE);
        Clock utc = clock.withZone(ZoneId.of("UTC"));
        assertThat(utc.getZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(clock.withZone(CanbaoClock.DEFAULT_ZONE)).isSameAs(clock);
        Instant moved = Instant.parse("2030-12-31T23:30:00Z");
        ClockUtil.setCurrentTime(Date.from(moved));
        assertThat(utc.instant()).isEqualTo(moved);
        assertThat(LocalDate.now(utc)).isEqualTo(LocalDate.of(2030, 12, 31));
    }
}
