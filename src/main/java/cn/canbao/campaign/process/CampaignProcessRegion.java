package cn.canbao.campaign.process;

import cn.canbao.security.ProcessRegionResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** A campaign's process belongs to its county (who may read it in Cockpit and the REST API). */
@Component
class CampaignProcessRegion implements ProcessRegionResolver {

    @Override
    public Set<String> processKeys() {
        return Set.of(CampaignProcess.KEY);
    }

    @Override
    public Optional<String> regionOf(String businessKey, Map<String, Object> startVariables) {
        return ProcessRegionResolver.text(startVariables, CampaignProcess.VAR_COUNTY_CODE);
    }
}
