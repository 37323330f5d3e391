package cn.canbao.outreach;

import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportFinished;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * A payment ends outreach wherever the resident's process waits: after every tax or insurance import the
 * live cases whose resident is now enrolled for the campaign's year get the {@code PaymentReceived} message,
 * one transaction each (a crash leaves the rest for the next import or the morning job).
 */
@Component
public class PaymentCorrelation {

    private static final Logger log = LoggerFactory.getLogger(PaymentCorrelation.class);

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;

    PaymentCorrelation(JdbcClient jdbc, RuntimeService runtime, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.tx = tx;
    }

    @EventListener
    void afterImport(ImportFinished finished) {
        if (finished.kind() == ExtractKind.TAX_PAYMENT || finished.kind() == ExtractKind.INSURANCE_STATUS) {
            endPaidCases();
        }
    }

    /** Correlates the payment message to every live case whose resident is enrolled for the year; returns how many. */
    public int endPaidCases() {
        List<String> instances = jdbc.sql("select oc.process_instance_id from outreach_case oc "
                        + "join campaign c on c.id = oc.campaign_id where oc.ended_at is null "
                        + "and oc.process_instance_id is not null and exists (select 1 from enrollment e "
                        + "where e.id_number = oc.id_number and e.year = c.year) order by oc.id")
                .query(String.class).list();
        int ended = 0;
        for (String instance : instances) {
            // one transaction each: a case whose instance is gone must not roll back the others
            if (Boolean.TRUE.equals(tx.execute(s -> correlate(instance)))) {
                ended++;
            }
        }
        if (!instances.isEmpty()) {
            log.info("Payments ended {} of {} outreach cases", ended, instances.size());
        }
        return ended;
    }

    private boolean correlate(String instance) {
        if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
            log.warn("outreach instance {} is gone; its case is closed by its end listener", instance);
            return false;
        }
        runtime.createMessageCorrelation(OutreachProcess.MESSAGE_PAYMENT).processInstanceId(instance).correlateWithResult();
        return true;
    }
}
