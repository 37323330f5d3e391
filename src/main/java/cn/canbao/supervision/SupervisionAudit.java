package cn.canbao.supervision;

import cn.canbao.base.DomainException;
import cn.canbao.security.SecurityAudit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What the module's services write to the {@link SecurityAudit}: a change once made, and a refusal of the caller's
 * rights before it is thrown. One place, so cadres' villages and supervision teams are audited alike.
 */
@Component
class SupervisionAudit {

    private final SecurityAudit audit;

    SupervisionAudit(SecurityAudit audit) {
        this.audit = audit;
    }

    /** Runs a check; a refusal of the caller's rights (not a typing mistake) is audited before it is thrown. */
    <T> T checked(String action, String subject, Supplier<T> check) {
        try {
            return check.get();
        } catch (DomainException e) {
            if (e.messageKey().endsWith("outOfScope")) {
                audit.record(action, subject, SecurityAudit.Outcome.REFUSED, e.getMessage());
            }
            throw e;
        }
    }

    /** A change the caller was allowed to make, with what it names. */
    void allowed(String action, String subject, String detail) {
        audit.record(action, subject, SecurityAudit.Outcome.ALLOWED, detail);
    }
}
