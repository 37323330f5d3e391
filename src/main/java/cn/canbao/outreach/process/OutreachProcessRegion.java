package cn.canbao.outreach.process;

import cn.canbao.security.ProcessRegionResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A resident's outreach belongs to the case's grid (its village without one); business key: the case. One
 * lookup by primary key per started instance, in the starter's transaction — none for the instances an outreach
 * start starts, whose cases it has just read with their regions ({@link #knowing}).
 */
@Component
public class OutreachProcessRegion implements ProcessRegionResolver {

    private final JdbcClient jdbc;

    OutreachProcessRegion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> processKeys() {
        return Set.of(OutreachProcess.KEY);
    }

    /** The regions of the cases an outreach start is starting on this thread (read by it, never by a user). */
    private static final ThreadLocal<Map<Long, String>> KNOWN = new ThreadLocal<>();

    /** Until closed, the cases' regions on this thread are these: the starter read them in this transaction. */
    public static AutoCloseableScope knowing(Map<Long, String> regionByCase) {
        KNOWN.set(regionByCase);
        return KNOWN::remove;
    }

    /** A scope that closes without a checked exception. */
    public interface AutoCloseableScope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public Optional<String> regionOf(String businessKey, Map<String, Object> startVariables) {
        Map<Long, String> known = KNOWN.get();
        Optional<Long> id = ProcessRegionResolver.rowId(businessKey);
        if (known != null && id.isPresent() && known.containsKey(id.get())) {
            return Optional.of(known.get(id.get()));
        }
        return ProcessRegionResolver.ofRow(
                jdbc, businessKey, "select coalesce(grid_code, village_code) from outreach_case where id = ?");
    }
}
