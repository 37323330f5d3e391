package cn.canbao.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The security audit log: who did what to what, allowed or refused, from where. Each entry is written in
 * its own transaction, so a refusal is recorded even though the refused work rolls back.
 */
// called before anyone is authenticated (login attempts and their refusals): open by design
@PreAuthorize("permitAll()")
@Service
public class SecurityAudit {

    private static final Logger log = LoggerFactory.getLogger(SecurityAudit.class);

    public enum Outcome {
        ALLOWED,
        REFUSED
    }

    public record Entry(
            long id,
            java.time.Instant at,
            String actor,
            String action,
            String subject,
            String outcome,
            String client,
            String detail) {}

    private final JdbcTemplate jdbc;

    SecurityAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an act of the current caller (user, system or anonymous). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String action, String subject, Outcome outcome, String detail) {
        recordAs(CurrentUser.name(), action, subject, outcome, detail);
    }

    /** Records an act of a named actor (e.g. the username a login attempt gave). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAs(String actor, String action, String subject, Outcome outcome, String detail) {
        recordFrom(actor, clientAddress(), action, subject, outcome, detail);
    }

    /**
     * Records an act of a named actor from a client address given by the caller: login attempts are judged in
     * the security filters, before Spring MVC exposes the request to {@link #clientAddress()}.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFrom(String actor, String client, String action, String subject, Outcome outcome, String detail) {
        // 63 + the ellipsis LogSafe adds to cut text: the column holds 64
        String who = LogSafe.of(actor == null ? "anonymous" : actor, 63);
        jdbc.update(
                "insert into security_audit (actor, action, subject, outcome, client, detail) values (?, ?, ?, ?, ?, ?)",
                who,
                action,
                subject,
                outcome.name(),
                client,
                detail);
        log.info("Audit: {} {} {} {}", who, action, LogSafe.of(subject, 200), outcome);
    }

    /** The newest entries of one action (all actions when null), for admins and tests. */
    @Transactional(readOnly = true)
    public List<Entry> recent(String action, int limit) {
        if (!CurrentUser.isSystem()
                && CurrentUser.get().map(u -> !u.hasRole(Role.ADMIN)).orElse(true)) {
            throw new org.springframework.security.access.AccessDeniedException("the audit log is for admins");
        }
        return jdbc.query(
                "select id, at, actor, action, subject, outcome, client, detail from security_audit "
                        + "where ? is null or action = ? order by at desc, id desc limit ?",
                (rs, n) -> new Entry(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)),
                action,
                action,
                limit);
    }

    /** The client address of the current HTTP request, if any (set inside Spring MVC, not in servlet filters). */
    public static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }
}
