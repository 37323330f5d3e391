package cn.canbao.fasttrack.process;

import cn.canbao.security.ProcessRegionResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A fast track's process belongs to the person's grid or village (fast_track.region_code; business key: the track). */
@Component
class FastTrackProcessRegion implements ProcessRegionResolver {

    private final JdbcClient jdbc;

    FastTrackProcessRegion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> processKeys() {
        return Set.of(NewbornEnrolmentProcess.KEY, HardshipEnrolmentProcess.KEY);
    }

    @Override
    public Optional<String> regionOf(String businessKey, Map<String, Object> startVariables) {
        return ProcessRegionResolver.ofRow(jdbc, businessKey, "select region_code from fast_track where id = ?");
    }
}
