package cn.canbao.outreach.process;

import cn.canbao.security.ProcessRegionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A data correction belongs to the grid (or village) of the visit that asked for it; business key: the request. */
@Configuration(proxyBeanMethods = false)
class CorrectionProcessRegion {

    @Bean
    ProcessRegionResolver correctionRegionResolver(JdbcClient jdbc) {
        return ProcessRegionResolver.byRow(
                jdbc,
                "select coalesce(v.grid_code, v.village_code) from correction_request r "
                        + "join visit v on v.id = r.visit_id where r.id = ?",
                OutreachProcess.CORRECTION_KEY);
    }
}
