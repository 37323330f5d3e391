package cn.canbao.bulletin.process;

import cn.canbao.security.ProcessRegionResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** A bulletin's review belongs to its county (who may read it in Cockpit and the REST API). */
@Component
class BulletinProcessRegion implements ProcessRegionResolver {

    @Override
    public Set<String> processKeys() {
        return Set.of(BulletinProcess.KEY);
    }

    @Override
    public Optional<String> regionOf(String businessKey, Map<String, Object> startVariables) {
        return ProcessRegionResolver.text(startVariables, BulletinProcess.VAR_COUNTY_CODE);
    }
}
