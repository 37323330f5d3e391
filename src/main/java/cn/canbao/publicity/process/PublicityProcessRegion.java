package cn.canbao.publicity.process;

import cn.canbao.security.ProcessRegionResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A publicity drive's process belongs to the drive's county (business key: the drive). */
@Component
class PublicityProcessRegion implements ProcessRegionResolver {

    private final JdbcClient jdbc;

    PublicityProcessRegion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> processKeys() {
        return Set.of(PublicityProcess.KEY);
    }

    @Override
    public Optional<String> regionOf(String businessKey, Map<String, Object> startVariables) {
        return ProcessRegionResolver.ofRow(jdbc, businessKey, "select county_code from publicity_drive where id = ?");
    }
}
