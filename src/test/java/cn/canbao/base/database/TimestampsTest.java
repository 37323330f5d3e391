package cn.canbao.base.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final Instant MOMENT = Instant.parse("2026-03-01T08:30:00.123456Z");

    @Test
    void readsTheInstantOfTimestampsDatesAndOffsetDateTimes() {
        assertThat(Timestamps.instant(Timestamp.from(MOMENT))).isEqualTo(MOMENT);
        assertThat(Timestamps.instant(Date.from(Instant.parse("2026-03-01T08:30:00Z"))))
                .isEqualTo(Instant.parse("2026-03-01T08:30:00Z"));
        assertThat(Timestamps.instant(MOMENT.atOffset(ZoneOffset.ofHours(8)))).isEqualTo(MOMENT);
    }

    @Test
    void keepsAMissingValueMissing() {
        assertThat(Timestamps.instant((Timestamp) null)).isNull();
        assertThat(Timestamps.instant((Date) null)).isNull();
        assertThat(Timestamps.instant((OffsetDateTime) null)).isNull();
    }
}
