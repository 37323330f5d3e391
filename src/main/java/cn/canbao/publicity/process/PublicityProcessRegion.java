package cn.canbao.publicity.process;

import cn.canbao.security.ProcessRegionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A publicity drive's process belongs to the drive's county (business key: the drive). */
@Configuration(proxyBeanMethods = false)
class PublicityProcessRegion {

    @Bean
    ProcessRegionResolver publicityRegionResolver(JdbcClient jdbc) {
        return ProcessRegionResolver.byRow(
                jdbc, "select county_code from publicity_drive where id = ?", PublicityProcess.KEY);
    }
}
