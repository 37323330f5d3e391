package cn.canbao.outreach.process;

import cn.canbao.base.database.PlannerSettings;
import cn.canbao.campaign.CampaignService;
import cn.canbao.outreach.OutreachService;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportFinished;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.security.SystemAccess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final CampaignService campaigns;
    private final RegisterCandidates register;
    private final OutreachService outreach;

    PaymentCorrelation(
            JdbcClient jdbc,
            RuntimeService runtime,
            TransactionTemplate tx,
            CampaignService campaigns,
            RegisterCandidates register,
            OutreachService outreach) {
        this.outreach = outreach;
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.tx = tx;
        this.campaigns = campaigns;
        this.register = register;
    }

    /** The system's work after an import, whoever imported. */
    @EventListener
    void afterImport(ImportFinished finished) {
        if (finished.kind() == ExtractKind.TAX_PAYMENT || finished.kind() == ExtractKind.INSURANCE_STATUS) {
            SystemAccess.run(() -> endPaidCases(finished.importId()));
        }
    }

    /**
     * As {@link #endPaidCases()}, for the cases of the persons one import changed: a day's payment extract of one county
     * looks at its payers, not at every live case of the province (the morning job still looks at all of them).
     */
    int endPaidCases(long importId) {
        return end(paidCases(importId));
    }

    /**
     * Ends outreach for every live case whose resident is enrolled for the year; returns how many processes the
     * payment ended. A process serves a household (issue 16): when all its open members paid, the message ends it;
     * when some are still to pay, the paid members' cases close and the process goes on for the others.
     */
    public int endPaidCases() {
        return end(paidCases(null));
    }

    private int end(Map<String, List<Long>> paidByInstance) {
        int ended = 0;
        for (Map.Entry<String, List<Long>> paid : paidByInstance.entrySet()) {
            // one transaction each: a case whose instance is gone must not roll back the others
            if (Boolean.TRUE.equals(tx.execute(s -> settle(paid.getKey(), paid.getValue())))) {
                ended++;
            }
        }
        if (!paidByInstance.isEmpty()) {
            log.info("Payments ended {} of {} outreach processes", ended, paidByInstance.size());
        }
        return ended;
    }

    /**
     * The live cases whose resident is enrolled for their campaign's year, by the process instance that serves them
     * (their own, or their household lead's): the campaigns' years in one call, then one register call per year. Of
     * the persons an import changed, when it names one.
     */
    private Map<String, List<Long>> paidCases(Long importId) {
        record Live(long caseId, String instance, long campaignId, String idNumber) {}
        List<String> changed = importId == null ? null : register.changedBy(importId);
        if (changed != null && changed.isEmpty()) {
            return Map.of();
        }
        Supplier<List<Live>> read =
                () -> jdbc.sql("select oc.id, coalesce(oc.process_instance_id, l.process_instance_id), "
                                + "oc.campaign_id, oc.id_number from outreach_case oc "
                                + (changed == null
                                        ? ""
                                        : "join unnest(?::char(18)[]) c(id_number) on c.id_number = oc.id_number ")
                                + "left join outreach_case l on l.id = oc.lead_case_id where oc.ended_at is null "
                                + "and coalesce(oc.process_instance_id, l.process_instance_id) is not null "
                                + "order by oc.id")
                        .params(changed == null ? List.of() : List.of((Object) changed.toArray(String[]::new)))
                        .query((rs, n) -> new Live(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                        .list();
        // an import's persons each look their live case up by index: sorting or hashing every live case of the
        // province against them grew with the counties (3.0 s against 1.0 s at the 10th county, docs/scale.md)
        List<Live> live = changed == null ? read.get() : tx.execute(s -> PlannerSettings.byIndex(jdbc, read));
        if (live.isEmpty()) {
            return Map.of();
        }
        Map<Long, Integer> years =
                campaigns.years(live.stream().map(Live::campaignId).collect(Collectors.toSet()));
        Map<Integer, Set<String>> enrolled = new HashMap<>();
        live.stream()
                .filter(c -> years.containsKey(c.campaignId()))
                .collect(Collectors.groupingBy(
                        c -> years.get(c.campaignId()), Collectors.mapping(Live::idNumber, Collectors.toList())))
                .forEach((year, ids) -> enrolled.put(year, register.enrolledFor(year, ids)));
        return live.stream()
                .filter(c -> years.containsKey(c.campaignId())
                        && enrolled.get(years.get(c.campaignId())).contains(c.idNumber()))
                .collect(Collectors.groupingBy(
                        Live::instance,
                        java.util.LinkedHashMap::new,
                        Collectors.mapping(Live::caseId, Collectors.toList())));
    }

    /**
     * The process ends when every case it still serves is paid; otherwise the paid ones close and it goes on. Whether
     * the process ended.
     */
    private boolean settle(String instance, List<Long> paidCaseIds) {
        Integer open = jdbc.sql(
                        "select count(*) from outreach_case oc where oc.ended_at is null and (oc.process_instance_id = ? "
                                + "or oc.lead_case_id = (select l.id from outreach_case l where l.process_instance_id = ?))")
                .params(instance, instance)
                .query(Integer.class)
                .single();
        if (open > paidCaseIds.size()) {
            outreach.closePaid(paidCaseIds);
            return false;
        }
        return correlate(instance);
    }

    private boolean correlate(String instance) {
        if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
            log.warn("outreach instance {} is gone; its case is closed by its end listener", instance);
            return false;
        }
        runtime.createMessageCorrelation(OutreachProcess.MESSAGE_PAYMENT)
                .processInstanceId(instance)
                .correlateWithResult();
        return true;
    }
}
