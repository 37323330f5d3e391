package cn.canbao.campaign.process;

import cn.canbao.security.ProcessRegionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A campaign's process belongs to its county (who may read it in Cockpit and the REST API). */
@Configuration(proxyBeanMethods = false)
class CampaignProcessRegion {

    @Bean
    ProcessRegionResolver campaignRegionResolver() {
        return ProcessRegionResolver.byStartVariable(CampaignProcess.VAR_COUNTY_CODE, CampaignProcess.KEY);
    }
}
