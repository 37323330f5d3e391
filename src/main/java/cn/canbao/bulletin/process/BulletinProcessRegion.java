package cn.canbao.bulletin.process;

import cn.canbao.security.ProcessRegionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A bulletin's review belongs to its county (who may read it in Cockpit and the REST API). */
@Configuration(proxyBeanMethods = false)
class BulletinProcessRegion {

    @Bean
    ProcessRegionResolver bulletinRegionResolver() {
        return ProcessRegionResolver.byStartVariable(BulletinProcess.VAR_COUNTY_CODE, BulletinProcess.KEY);
    }
}
