package cn.canbao.cadence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The reporting cadence of campaigns: village summaries and township dispatches, and how timely they
 * were.
 */
@Service
@Transactional(readOnly = true)
public class CadenceService {

    private final JdbcClient jdbc;

    CadenceService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per township of the campaign: the village summaries and township dispatches whose window closed in
     * [from, until), how many were confirmed late and how many are missing. One statement.
     */
    public List<ReportTimeliness> timeliness(long campaignId, Instant from, Instant until) {
        return jdbc.sql("""
                        with reports as (
                            select township_code, due_at, confirmed_at from village_summary
                            where campaign_id = ? and due_at >= ? and due_at < ?
                            union all
                            select township_code, due_at, confirmed_at from township_dispatch
                            where campaign_id = ? and due_at >= ? and due_at < ?)
                        select township_code, count(*),
                               count(*) filter (where confirmed_at > due_at),
                               count(*) filter (where confirmed_at is null)
                        from reports group by township_code order by township_code
                        """)
                .params(campaignId, Timestamp.from(from), Timestamp.from(until), campaignId, Timestamp.from(from),
                        Timestamp.from(until))
                .query((rs, n) -> new ReportTimeliness(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }
}
