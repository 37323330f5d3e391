package cn.canbao.outreach;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import cn.canbao.security.CurrentUser;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outreach's figures for many regions at once, for other modules' set-based work (the cadence's day of village
 * summaries): one statement for all of them, never one per region.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class OutreachCounts {

    private final JdbcClient jdbc;
    private final CurrentRegionScope scope;

    OutreachCounts(JdbcClient jdbc, CurrentRegionScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** A village and the start of its window (exclusive). */
    public record VillageWindow(String villageCode, Instant since) {}

    /**
     * Visits made in each village in its window ending at {@code until} (inclusive), by village code; villages
     * without visits are absent. System work, or a reader of outreach ({@link OutreachQueries#READERS}) whose
     * region covers every village.
     */
    public Map<String, Integer> visitsPerVillage(List<VillageWindow> windows, Instant until) {
        RegionScope s = scope.get();
        if (!s.unrestricted()) {
            windows.forEach(w -> CurrentUser.requireActing(w.villageCode(), OutreachQueries.READERS));
        }
        Map<String, Integer> visits = new HashMap<>();
        if (windows.isEmpty()) {
            return visits;
        }
        jdbc.sql("select w.code, count(*) from unnest(?::varchar[], ?::text[]::timestamptz[]) w(code, since) "
                        + "join visit v on v.village_code = w.code and v.visited_at > w.since and v.visited_at <= ? "
                        + "group by w.code")
                .params(
                        windows.stream().map(VillageWindow::villageCode).toArray(String[]::new),
                        windows.stream().map(w -> w.since().toString()).toArray(String[]::new),
                        Timestamp.from(until))
                .query(rs -> {
                    visits.put(rs.getString(1), rs.getInt(2));
                });
        return visits;
    }
}
