package cn.canbao.outreach;

import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.PersonName;
import cn.canbao.security.Role;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a campaign's lapsed and uninsured residents into outreach, in two steps that survive a crash:
 * one set-based statement lists every resident due for outreach as a case (never two per resident and
 * campaign), then the cases without a process are started in batches of their own transactions — a batch
 * that dies rolls back whole, and the next run starts it again.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
public class OutreachStarter {

    private static final Logger log = LoggerFactory.getLogger(OutreachStarter.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final OutreachSettings settings;

    OutreachStarter(JdbcClient jdbc, JdbcTemplate batch, CampaignService campaigns, RegionService regions,
                    RuntimeService runtime, TransactionTemplate tx, OutreachSettings settings) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.campaigns = campaigns;
        this.regions = regions;
        this.runtime = runtime;
        this.tx = tx;
        this.settings = settings;
    }

    /** What one run did: cases listed, processes started. */
    public record StartResult(int listed, int started) {
    }

    /** Starts outreach for every campaign in its implementation phase whose collection period includes today. */
    public void startDueCampaigns() {
        LocalDate today = today();
        for (Campaign c : campaigns.list()) {
            if (c.phase() == CampaignPhase.IMPLEMENT && !today.isBefore(c.collectionStart())
                    && !today.isAfter(c.collectionEnd())) {
                start(c.id());
            }
        }
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), CampaignService.ZONE);
    }

    /** Lists and starts outreach for a campaign in its implementation phase and collection period. */
    public StartResult start(long campaignId) {
        Campaign campaign = campaigns.get(campaignId);
        LocalDate today = today();
        if (campaign.phase() != CampaignPhase.IMPLEMENT) {
            throw new OutreachException("outreach.error.notImplementing", campaign.name());
        }
        if (today.isBefore(campaign.collectionStart()) || today.isAfter(campaign.collectionEnd())) {
            throw new OutreachException("outreach.error.outsideCollection", campaign.name(),
                    campaign.collectionStart(), campaign.collectionEnd());
        }
        long started = System.nanoTime();
        int listed = tx.execute(s -> listCases(campaign));
        int count = 0;
        int n;
        do {
            n = tx.execute(s -> startBatch(campaign));
            count += n;
        } while (n > 0);
        log.info("Outreach for campaign {}: {} residents listed, {} processes started in {} ms", campaignId, listed,
                count, (System.nanoTime() - started) / 1_000_000);
        return new StartResult(listed, count);
    }

    /**
     * One case per resident not enrolled for the campaign's year, registered or living in the county, active,
     * and not in a hardship group (their enrolment is subsidised: a clerk's task, never a payment reminder), nor in
     * a live fast track (a newborn's grid worker already has the task of enrolling them).
     */
    int listCases(Campaign campaign) {
        String prefix = RegionScope.of(regions.get(campaign.countyCode())).codePrefix() + "%";
        return jdbc.sql("insert into outreach_case (campaign_id, id_number, kind, village_code, grid_code) "
                        + "select :campaign, p.id_number, case when exists (select 1 from enrollment e "
                        + "where e.id_number = p.id_number and e.year = :year - 1) then 'LAPSED' else 'UNINSURED' end, "
                        + "case when p.residence_region like :prefix then p.residence_region else p.household_region end, "
                        + "case when p.residence_region like :prefix then p.grid_code end "
                        + "from person p where p.status = 'ACTIVE' "
                        + "and (p.residence_region like :prefix or p.household_region like :prefix) "
                        + "and not exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = :year) "
                        + "and not exists (select 1 from person_group g where g.id_number = p.id_number "
                        + "and g.grp = 'HARDSHIP' and (g.until is null or g.until >= current_date)) "
                        + "and not exists (select 1 from fast_track f where f.id_number = p.id_number and f.ended_at is null) "
                        + "on conflict (campaign_id, id_number) do nothing")
                .param("campaign", campaign.id()).param("year", campaign.year()).param("prefix", prefix).update();
    }

    private record Pending(long caseId, String name, boolean canText, String villageCode, String gridCode,
                           String regionName) {
    }

    /** Starts the processes of one batch of listed cases (claimed with SKIP LOCKED, so nodes share the work). */
    int startBatch(Campaign campaign) {
        List<Pending> pending = jdbc.sql("select oc.id, p.name, p.mobile is not null and not p.sms_opt_out, "
                        + "oc.village_code, oc.grid_code, coalesce(g.name, v.name, '') from outreach_case oc "
                        + "join person p on p.id_number = oc.id_number "
                        + "left join region v on v.code = oc.village_code left join region g on g.code = oc.grid_code "
                        + "where oc.campaign_id = ? and oc.process_instance_id is null and oc.ended_at is null "
                        + "order by oc.id limit ? for update of oc skip locked")
                .params(campaign.id(), settings.batchSize())
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).list();
        List<Object[]> startedIds = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            String group = p.gridCode() != null ? Role.GRID_WORKER.groupAt(p.gridCode())
                    : Role.VILLAGE_CADRE.groupAt(p.villageCode());
            String instance = runtime.createProcessInstanceByKey(OutreachProcess.KEY)
                    .businessKey(Long.toString(p.caseId()))
                    .setVariables(Variables.createVariables()
                            .putValue(OutreachProcess.VAR_CASE_ID, p.caseId())
                            .putValue(OutreachProcess.VAR_CAMPAIGN_ID, campaign.id())
                            .putValue(OutreachProcess.VAR_CAMPAIGN_NAME, campaign.name())
                            .putValue(OutreachProcess.VAR_REGION_NAME, PersonName.mask(p.name()) + " · " + p.regionName())
                            .putValue(OutreachProcess.VAR_CAN_TEXT, p.canText())
                            .putValue(OutreachProcess.VAR_REMINDER_WAIT, settings.reminderWait().toString())
                            .putValue(OutreachProcess.VAR_VISIT_GROUP, group))
                    .execute().getId();
            startedIds.add(new Object[] {instance, p.caseId()});
        }
        batch.batchUpdate("update outreach_case set process_instance_id = ? where id = ?", startedIds);
        return pending.size();
    }
}
