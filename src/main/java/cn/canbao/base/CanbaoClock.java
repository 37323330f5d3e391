package cn.canbao.base;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The application's one clock (STYLE.md habit 11; issue 19): the instant is Camunda's ({@link ClockUtil}), so the
 * engine's timers, due dates and history and the application's own dates read one time source — a test that moves
 * Camunda's clock moves everything — and the zone is the counties' one setting, {@code canbao.zone}. Inject it as a
 * {@link Clock}; {@code LocalDate.now(clock)} is "today" in that zone.
 */
public final class CanbaoClock extends Clock {

    /**
     * The zone when {@code canbao.zone} is not set, and the zone tests run in. Nothing else in the application names
     * a zone (ClockRulesTest): it asks the clock's {@link #getZone()}.
     */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final ZoneId zone;

    public CanbaoClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same time source seen from another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new CanbaoClock(other);
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    @Override
    public long millis() {
        return ClockUtil.getCurrentTime().getTime();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanbaoClock c && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return zone.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "CanbaoClock[" + zone + "]";
    }
}
