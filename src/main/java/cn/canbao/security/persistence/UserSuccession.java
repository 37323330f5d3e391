package cn.canbao.security.persistence;

import cn.canbao.region.RegionSuccession;
import cn.canbao.security.SecurityAudit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The users' part of a merge of villages or grids (issue 17, point 10): whoever was bound to the merged region (its
 * grid worker, its village cadres) is bound to the successor, each move in the security audit. A retired region's
 * users are not counted as occupants: like a revoked region's, they can no longer log in until an administrator
 * binds them elsewhere.
 */
@Component
class UserSuccession implements RegionSuccession {

    private final JdbcTemplate jdbc;
    private final SecurityAudit audit;

    UserSuccession(JdbcTemplate jdbc, SecurityAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public String what() {
        return "users";
    }

    @Override
    public int occupants(String code) {
        return 0;
    }

    @Override
    public int carryOver(String source, String target, String by) {
        List<String> moved = jdbc.queryForList(
                "update app_user set region_code = ? where region_code = ? " + "returning username",
                String.class,
                target,
                source);
        moved.forEach(user ->
                audit.record("USER_REGION_MERGED", user, SecurityAudit.Outcome.ALLOWED, source + " -> " + target));
        return moved.size();
    }
}
