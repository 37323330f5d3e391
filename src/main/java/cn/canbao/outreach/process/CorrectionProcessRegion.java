package cn.canbao.outreach.process;

import cn.canbao.security.ProcessRegionResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A data correction belongs to the grid (or village) of the visit that asked for it; business key: the request. */
@Component
class CorrectionProcessRegion implements ProcessRegionResolver {

    private final JdbcClient jdbc;

    CorrectionProcessRegion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> processKeys() {
        return Set.of(OutreachProcess.CORRECTION_KEY);
    }

    @Override
    public Optional<String> regionOf(String businessKey, Map<String, Object> startVariables) {
        return ProcessRegionResolver.ofRow(
                jdbc,
                businessKey,
                "select coalesce(v.grid_code, v.village_code) from correction_request r "
                        + "join visit v on v.id = r.visit_id where r.id = ?");
    }
}
