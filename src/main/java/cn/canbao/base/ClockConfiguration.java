package cn.canbao.base;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link Clock} bean, in the zone of {@code canbao.zone} (default {@link CanbaoClock#DEFAULT_ZONE}). */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock(@Value("${canbao.zone:}") String zone) {
        return new CanbaoClock(zone.isBlank() ? CanbaoClock.DEFAULT_ZONE : ZoneId.of(zone.strip()));
    }
}
