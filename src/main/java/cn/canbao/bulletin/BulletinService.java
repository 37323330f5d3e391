package cn.canbao.bulletin;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** County bulletins: drafted from the targets' progress and the reports' timeliness, published by the county. */
@Service
@Transactional(readOnly = true)
public class BulletinService {

    private final JdbcClient jdbc;

    BulletinService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of a bulletin in rank order. */
    public List<BulletinRow> rows(long bulletinId) {
        return jdbc.sql("select b.*, r.name township_name from bulletin_row b join region r on r.code = b.township_code "
                + "where b.bulletin_id = ? order by b.rank, b.township_code").params(bulletinId).query(ROW).list();
    }

    /** The published bulletin of the same campaign just before this one, if any. */
    public Optional<Long> previousPublished(long bulletinId) {
        return jdbc.sql("select p.id from bulletin b join bulletin p on p.campaign_id = b.campaign_id "
                        + "and p.number < b.number and p.status = 'PUBLISHED' where b.id = ? order by p.number desc limit 1")
                .params(bulletinId).query(Long.class).optional();
    }

    /** Records the lagging decision for a township in a bulletin, and the escalation case it opened (if any). */
    @Transactional
    public void markLagging(long bulletinId, String townshipCode, boolean lagging, String reason, Long caseId) {
        jdbc.sql("update bulletin_row set lagging = ?, lagging_reason = ?, escalation_case_id = ? "
                        + "where bulletin_id = ? and township_code = ?")
                .params(lagging, reason, caseId, bulletinId, townshipCode).update();
    }

    static final RowMapper<BulletinRow> ROW = (rs, n) -> new BulletinRow(rs.getLong("bulletin_id"),
            rs.getString("township_code"), rs.getString("township_name"), rs.getInt("rank"), rs.getInt("target"),
            rs.getInt("enrolled"), rs.getBigDecimal("completion"), rs.getBigDecimal("previous_completion"),
            rs.getBigDecimal("coverage_rate"), rs.getBigDecimal("expected_completion"), rs.getInt("reports_due"),
            rs.getInt("reports_late"), rs.getInt("reports_missing"), BulletinBand.valueOf(rs.getString("band")),
            rs.getBoolean("lagging"), rs.getString("lagging_reason"), (Long) rs.getObject("escalation_case_id"));
}
