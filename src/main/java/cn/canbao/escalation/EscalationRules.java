package cn.canbao.escalation;

import cn.canbao.campaign.Campaign;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;

/** The thresholds of a campaign (escalation_rule), the defaults while none are stored. */
@Repository
class EscalationRules {

    private final JdbcClient jdbc;

    EscalationRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    EscalationRule of(long campaignId) {
        return jdbc.sql("select * from escalation_rule where campaign_id = ?").params(campaignId)
                .query((rs, n) -> new EscalationRule(rs.getLong("campaign_id"), rs.getInt("bottom_n"),
                        rs.getBigDecimal("tolerance_points"), rs.getInt("bulletins_running"),
                        rs.getInt("rectification_days"), rs.getInt("plan_days"), rs.getString("updated_by"),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional().orElseGet(() -> EscalationRule.defaults(campaignId));
    }

    /** Only a county leader of the campaign's county, or an admin above it, may change the rule. */
    EscalationRule save(Campaign campaign, EscalationRule r) {
        CanbaoUser user = CurrentUser.require();
        boolean countyLeader = user.hasRole(Role.COUNTY_LEADER) && user.regionCode().equals(campaign.countyCode());
        if (!countyLeader && !user.hasRole(Role.ADMIN)) {
            throw new EscalationException("escalation.rule.notAllowed");
        }
        if (r.bottomN() < 0 || r.bottomN() > 50 || r.tolerancePoints() == null || r.tolerancePoints().signum() < 0
                || r.tolerancePoints().compareTo(BigDecimal.valueOf(100)) > 0 || r.bulletinsRunning() < 1
                || r.bulletinsRunning() > 5 || r.rectificationDays() < 1 || r.rectificationDays() > 60
                || r.planDays() < 1 || r.planDays() > 30) {
            throw new EscalationException("escalation.rule.invalid");
        }
        jdbc.sql("insert into escalation_rule (campaign_id, bottom_n, tolerance_points, bulletins_running, "
                        + "rectification_days, plan_days, updated_by) values (?,?,?,?,?,?,?) on conflict (campaign_id) do "
                        + "update set bottom_n = excluded.bottom_n, tolerance_points = excluded.tolerance_points, "
                        + "bulletins_running = excluded.bulletins_running, rectification_days = excluded.rectification_days, "
                        + "plan_days = excluded.plan_days, updated_by = excluded.updated_by, updated_at = now()")
                .params(campaign.id(), r.bottomN(), r.tolerancePoints(), r.bulletinsRunning(), r.rectificationDays(),
                        r.planDays(), user.getUsername()).update();
        return of(campaign.id());
    }
}
