package cn.canbao.outreach;

import cn.canbao.security.ProcessRegionResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resident's outreach belongs to the case's grid (its village without one); business key: the case. One
 * lookup by primary key per started instance, in the starter's transaction.
 */
@Component
class OutreachProcessRegion implements ProcessRegionResolver {

    private final JdbcClient jdbc;

    OutreachProcessRegion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> processKeys() {
        return Set.of(OutreachProcess.KEY);
    }

    @Override
    public Optional<String> regionOf(String businessKey, Map<String, Object> startVariables) {
        return ProcessRegionResolver.rowId(businessKey).flatMap(id -> jdbc
                .sql("select coalesce(grid_code, village_code) from outreach_case where id = ?")
                .param(id).query(String.class).optional());
    }
}
