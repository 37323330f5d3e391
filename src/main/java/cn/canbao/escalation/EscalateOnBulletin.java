package cn.canbao.escalation;

import cn.canbao.bulletin.BulletinPublished;
import cn.canbao.security.SystemAccess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides who lags once a bulletin is published. It runs after the publication has committed (the
 * county leader's task completion), in a transaction of its own and as the system: a failure here is
 * logged and rolls back only the escalation, never the publication; {@link EscalationService#evaluate}
 * can run again for the bulletin (it opens no second case for a township with an open one).
 */
@Component
class EscalateOnBulletin {

    private static final Logger LOG = LoggerFactory.getLogger(EscalateOnBulletin.class);

    private final EscalationService escalations;
    private final IdentityService identity;
    private final TransactionTemplate ownTransaction;

    EscalateOnBulletin(
            EscalationService escalations, IdentityService identity, PlatformTransactionManager transactions) {
        this.escalations = escalations;
        this.identity = identity;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** After commit; without a transaction (fallback) right away. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(BulletinPublished published) {
        // a publication through Camunda's REST API carries the leader's Camunda authentication; deciding
        // and starting cases is the system's work, not subject to the leader's engine authorizations
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            SystemAccess.run(() -> ownTransaction.executeWithoutResult(
                    s -> escalations.evaluate(published.campaignId(), published.bulletinId())));
        } catch (RuntimeException failed) {
            LOG.error(
                    "Escalation of bulletin {} (campaign {}) failed; the bulletin stays published",
                    published.bulletinId(),
                    published.campaignId(),
                    failed);
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }
}
