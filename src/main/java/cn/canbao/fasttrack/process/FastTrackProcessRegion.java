package cn.canbao.fasttrack.process;

import cn.canbao.security.ProcessRegionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fast track's process belongs to the person's grid or village (fast_track.region_code; business key: the track). */
@Configuration(proxyBeanMethods = false)
class FastTrackProcessRegion {

    @Bean
    ProcessRegionResolver fastTrackRegionResolver(JdbcClient jdbc) {
        return ProcessRegionResolver.byRow(
                jdbc,
                "select region_code from fast_track where id = ?",
                NewbornEnrolmentProcess.KEY,
                HardshipEnrolmentProcess.KEY);
    }
}
