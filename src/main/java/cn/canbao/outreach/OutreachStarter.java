package cn.canbao.outreach;

import cn.canbao.base.StoredMessage;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.fasttrack.FastTrackService;
import cn.canbao.outreach.jobs.OutreachStartJobs;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.outreach.process.OutreachProcessRegion;
import cn.canbao.policy.PolicyService;
import cn.canbao.quota.TargetService;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.RegisterCandidates.Resident;
import cn.canbao.register.RegisterCandidates.UnenrolledResident;
import cn.canbao.register.person.HouseholdRelation;
import cn.canbao.register.person.PersonName;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a campaign's lapsed and uninsured residents into outreach, in two steps that survive a crash:
 * the register names every resident due in one call and one insert lists them all as cases (never two per
 * resident and campaign), then the cases without a process are started in ranges of their own transactions, by the
 * calling thread and by every node's job executor ({@link OutreachStartJobs}) — a range that dies rolls back whole,
 * and whoever comes next starts it. A batch's first reminders read what they need in one go
 * ({@link OutreachService#prepareReminders}).
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
public class OutreachStarter {

    private static final Logger log = LoggerFactory.getLogger(OutreachStarter.class);

    private final JdbcClient jdbc;
    private final CampaignService campaigns;
    private final RegisterCandidates register;
    private final FastTrackService fastTracks;
    private final RegionService regions;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final OutreachSettings settings;
    private final PolicyService policy;
    private final TargetService targets;
    private final OutreachService outreach;
    private final OutreachStartJobs jobs;
    private final Clock clock;

    OutreachStarter(
            JdbcClient jdbc,
            CampaignService campaigns,
            RegisterCandidates register,
            FastTrackService fastTracks,
            RegionService regions,
            RuntimeService runtime,
            TransactionTemplate tx,
            OutreachSettings settings,
            PolicyService policy,
            TargetService targets,
            OutreachService outreach,
            OutreachStartJobs jobs,
            Clock clock) {
        this.clock = clock;
        this.jobs = jobs;
        this.outreach = outreach;
        this.targets = targets;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.register = register;
        this.fastTracks = fastTracks;
        this.regions = regions;
        this.runtime = runtime;
        this.tx = tx;
        this.settings = settings;
        this.policy = policy;
    }

    /** What one run did: cases listed, processes started. */
    public record StartResult(int listed, int started) {}

    /**
     * Starts outreach for every campaign whose collection period includes today and that works at least one township:
     * in its implementation phase all of them, while the breakdown still runs those that confirmed their own split.
     */
    public void startDueCampaigns() {
        LocalDate today = today();
        for (Campaign c : campaigns.list()) {
            if (!today.isBefore(c.collectionStart())
                    && !today.isAfter(c.collectionEnd())
                    && (c.phase() == CampaignPhase.IMPLEMENT
                            || c.phase() == CampaignPhase.MOBILISE
                                    && !targets.confirmedTownships(c.id()).isEmpty())) {
                start(c.id());
            }
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** How far a start is: lead cases to start when it began, and how many of them have their process by now. */
    public record StartProgress(int total, int started) {}

    /** Lists and starts outreach for a campaign in its implementation phase and collection period. */
    public StartResult start(long campaignId) {
        return start(campaignId, p -> {});
    }

    /**
     * Lists and starts outreach for a campaign in its implementation phase and collection period, telling
     * {@code progress} after each batch how far the start is (all nodes' work counted).
     * <p>
     * The cases to start are cut into ranges of {@code batch-size} case ids. Each range is also queued as a job of
     * Camunda's job executor ({@link OutreachStartJobs}), so every node's executor starts ranges beside this thread;
     * a range is claimed row by row with SKIP LOCKED and started in one transaction, so no case is started twice and a
     * range that dies (a node killed) rolls back whole and is started by whoever comes next. This thread goes through
     * every range, then once more waiting for the ranges others hold, so it returns when every case has its process.
     */
    public StartResult start(long campaignId, java.util.function.Consumer<StartProgress> progress) {
        Campaign campaign = campaigns.get(campaignId);
        LocalDate today = today();
        if (campaign.phase() != CampaignPhase.IMPLEMENT && campaign.phase() != CampaignPhase.MOBILISE) {
            throw new OutreachException("outreach.error.notImplementing", campaign.name());
        }
        if (today.isBefore(campaign.collectionStart()) || today.isAfter(campaign.collectionEnd())) {
            throw new OutreachException(
                    "outreach.error.outsideCollection",
                    campaign.name(),
                    campaign.collectionStart(),
                    campaign.collectionEnd());
        }
        Optional<Set<String>> townships = workingTownships(campaign);
        if (townships.isPresent() && townships.get().isEmpty()) {
            throw new OutreachException("outreach.error.noTownshipConfirmed", campaign.name());
        }
        long started = System.nanoTime();
        int listed = tx.execute(s -> listCases(campaign, townships));
        List<long[]> ranges = tx.execute(s -> {
            List<long[]> cut = ranges(campaign.id());
            if (settings.startJobs()) {
                jobs.queue(campaign.id(), cut);
            }
            return cut;
        });
        int total = unstarted(campaign.id());
        progress.accept(new StartProgress(total, 0));
        int count = 0;
        long reported = System.nanoTime();
        for (long[] range : ranges) {
            count += startRange(campaign, range[0], range[1], true);
            // all nodes' work counted, about once a second (the count reads the campaign's cases: not after every
            // range)
            if (System.nanoTime() - reported >= 1_000_000_000L) {
                progress.accept(new StartProgress(total, total - unstarted(campaign.id())));
                reported = System.nanoTime();
            }
        }
        // the ranges other threads and nodes still hold: wait for each, and start what a dead one rolled back
        for (long[] range : ranges) {
            count += startRange(campaign, range[0], range[1], false);
        }
        if (settings.startJobs()) {
            jobs.dropDone(campaign.id());
        }
        int done = total - unstarted(campaign.id());
        if (done > 0) {
            analyzeEngineTables();
        }
        progress.accept(new StartProgress(total, done));
        log.info(
                "Outreach for campaign {}: {} residents listed, {} processes started ({} by this thread) in {} ms",
                campaignId,
                listed,
                done,
                count,
                (System.nanoTime() - started) / 1_000_000);
        return new StartResult(listed, done);
    }

    /**
     * Fresh statistics for the engine's runtime tables after a start added tens of thousands of rows to them. Camunda
     * reads them with prepared statements whose generic plan follows the statistics: at province scale, with
     * autovacuum busy elsewhere, they still described a nearly empty table, and each payment's message correlation
     * walked all 325,000 message subscriptions (1.5 s each, 8 minutes for one county's day of payments;
     * bench/province.sh). ANALYZE samples: about a second at province size.
     */
    private void analyzeEngineTables() {
        jdbc.sql("analyze act_ru_execution, act_ru_event_subscr, act_ru_task, act_ru_variable, act_ru_job")
                .update();
    }

    /**
     * Starts the unstarted cases of one range queued by {@link #start} (a job of Camunda's job executor, on any node,
     * in the job's transaction). Nothing when the campaign no longer runs outreach. Only the system runs it.
     */
    public int startQueuedRange(long campaignId, long fromCaseId, long toCaseId) {
        Campaign campaign = campaigns.get(campaignId);
        CurrentUser.requireActing(campaign.countyCode()); // a job: the system only
        LocalDate today = today();
        if (campaign.phase() != CampaignPhase.IMPLEMENT && campaign.phase() != CampaignPhase.MOBILISE
                || today.isBefore(campaign.collectionStart())
                || today.isAfter(campaign.collectionEnd())) {
            return 0;
        }
        return startRange(campaign, fromCaseId, toCaseId, true);
    }

    /** The lead (or lone) cases of the campaign still without a process. */
    private int unstarted(long campaignId) {
        return jdbc.sql("select count(*) from outreach_case where campaign_id = ? and process_instance_id is null "
                        + "and lead_case_id is null and ended_at is null")
                .param(campaignId)
                .query(Integer.class)
                .single();
    }

    /** The unstarted lead cases' ids cut into ranges of batch-size cases each, as [first id, last id]. */
    private List<long[]> ranges(long campaignId) {
        List<Long> ids = jdbc.sql("select id from outreach_case where campaign_id = ? and process_instance_id is null "
                        + "and lead_case_id is null and ended_at is null order by id")
                .param(campaignId)
                .query(Long.class)
                .list();
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += settings.batchSize()) {
            ranges.add(new long[] {ids.get(i), ids.get(Math.min(i + settings.batchSize(), ids.size()) - 1)});
        }
        return ranges;
    }

    /**
     * Which townships' residents go into outreach now: every township once the campaign implements (empty optional),
     * before that only those whose leader confirmed their own split — a township starts when its split is confirmed,
     * one that has not confirmed yet holds back only its own residents, never the county's.
     */
    private Optional<Set<String>> workingTownships(Campaign campaign) {
        if (campaign.phase() == CampaignPhase.IMPLEMENT) {
            return Optional.empty();
        }
        return Optional.of(targets.confirmedTownships(campaign.id()).stream()
                .map(RegionLevel.TOWNSHIP::prefixOf)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * One case per resident the register names as not enrolled for the campaign's year in its county (active; a
     * hardship member only with a personal share left: one whose whole contribution is subsidised is a clerk's
     * task, never a payment reminder), except those in a live fast track (a newborn's grid worker already has the task of enrolling them). The case lies in the
     * residence village and grid when the resident lives in the county, else in the household village; with
     * {@code townships} given (their code prefixes), only cases lying in those townships are listed — the others
     * are listed by a later run, once their township has confirmed (the insert skips residents already listed).
     */
    int listCases(Campaign campaign, Optional<Set<String>> townships) {
        List<UnenrolledResident> due = register.unenrolledResidents(campaign.countyCode(), campaign.year());
        Set<String> tracked = new java.util.HashSet<>(fastTracks.inLiveTrack(
                due.stream().map(UnenrolledResident::idNumber).toList()));
        // 分类资助: a hardship member with a personal share left is reminded of it; a fully funded one is the clerk's
        tracked.addAll(policy.fullyFunded(
                due.stream()
                        .filter(UnenrolledResident::hardship)
                        .map(UnenrolledResident::idNumber)
                        .toList(),
                LocalDate.now(clock)));
        String prefix = RegionLevel.COUNTY.prefixOf(campaign.countyCode());
        List<String> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> villages = new ArrayList<>();
        List<String> grids = new ArrayList<>();
        List<String> households = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (UnenrolledResident r : due) {
            boolean livesHere =
                    r.residenceRegion() != null && r.residenceRegion().startsWith(prefix);
            String village = livesHere ? r.residenceRegion() : r.householdRegion();
            if (tracked.contains(r.idNumber())
                    || townships.isPresent()
                            && (village == null || !townships.get().contains(RegionLevel.TOWNSHIP.prefixOf(village)))) {
                continue;
            }
            ids.add(r.idNumber());
            kinds.add(r.enrolledYearBefore() ? "LAPSED" : "UNINSURED");
            villages.add(village);
            grids.add(livesHere ? r.gridCode() : null);
            households.add(r.householdKey());
            ranks.add(HouseholdRelation.rank(r.householdRelation()));
        }
        int listed = jdbc.sql("insert into outreach_case (campaign_id, id_number, kind, village_code, grid_code, "
                        + "household_key, household_rank) select ?, c.id_number, c.kind, c.village, c.grid, c.household, "
                        + "c.rank from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[]) "
                        + "as c(id_number, kind, village, grid, household, rank) "
                        + "on conflict (campaign_id, id_number) do nothing")
                .params(
                        campaign.id(),
                        ids.toArray(String[]::new),
                        kinds.toArray(String[]::new),
                        villages.toArray(String[]::new),
                        grids.toArray(String[]::new),
                        households.toArray(String[]::new),
                        ranks.toArray(Integer[]::new))
                .update();
        if (listed > 0) {
            // tens of thousands of new cases, which the grouping below joins with themselves and every process start
            // then reads by id and lead case. Without fresh statistics the planner takes the new rows for few: it
            // joined
            // them in a nested loop (149 s for a county's 33,735 cases) and AND-ed in a partial index of all open cases
            // for each read (12 ms instead of 0.06 ms; bench/outreach.sh). ANALYZE in this transaction counts its own
            // new rows and its statistics serve this transaction's next statements.
            jdbc.sql("analyze outreach_case").update();
        }
        groupHouseholds(campaign.id());
        return listed;
    }

    /**
     * Plans the newly listed cases per household (户): "one visit covers all uninsured members, one SMS to the household
     * contact lists the members still to pay" (issue 16). A household is its 户号 in its household village, visited
     * where the case lies (a member living in another village is visited there, on their own). A new member joins the
     * household's running process (its lead case, or a member, still open); the others of a household not yet started
     * follow its lead, the head (户主) if due, else the first listed.
     */
    private void groupHouseholds(long campaignId) {
        jdbc.sql("update outreach_case m set lead_case_id = l.id from outreach_case l "
                        + "where m.campaign_id = :c and m.process_instance_id is null and m.lead_case_id is null "
                        + "and m.household_key is not null and m.ended_at is null "
                        + "and l.campaign_id = :c and l.household_key = m.household_key and l.village_code = m.village_code "
                        + "and l.lead_case_id is null and l.process_instance_id is not null and exists (select 1 "
                        + "from outreach_case o where (o.id = l.id or o.lead_case_id = l.id) and o.ended_at is null)")
                .param("c", campaignId)
                .update();
        jdbc.sql(
                        "update outreach_case m set lead_case_id = l.id from (select distinct on (household_key, village_code) "
                                + "id, household_key, village_code from outreach_case where campaign_id = :c "
                                + "and process_instance_id is null and lead_case_id is null and household_key is not null "
                                + "and ended_at is null order by household_key, village_code, household_rank, id) l "
                                + "where m.campaign_id = :c and m.household_key = l.household_key and m.village_code = l.village_code "
                                + "and m.id <> l.id and m.process_instance_id is null and m.lead_case_id is null and m.ended_at is null")
                .param("c", campaignId)
                .update();
    }

    private record Claimed(long caseId, String idNumber, String villageCode, String gridCode, String householdKey) {}

    /**
     * Starts the processes of the listed lead cases in a range of case ids, in one transaction (the caller's, or its
     * own): claimed row by row, skipping rows another transaction holds ({@code skipLocked}) or waiting for them to be
     * started or rolled back. A case whose resident the register no longer shows stays unstarted. Returns how many
     * processes it started.
     */
    private int startRange(Campaign campaign, long fromCaseId, long toCaseId, boolean skipLocked) {
        return tx.execute(s -> {
            // a household member waits in its lead's process (groupHouseholds): only leads and lone cases start
            List<Claimed> claimed = jdbc.sql(
                            "select oc.id, oc.id_number, oc.village_code, oc.grid_code, oc.household_key "
                                    + "from outreach_case oc where oc.campaign_id = ? and oc.process_instance_id is null "
                                    + "and oc.lead_case_id is null and oc.ended_at is null and oc.id between ? and ? order by oc.id "
                                    + "for update" + (skipLocked ? " skip locked" : ""))
                    .params(campaign.id(), fromCaseId, toCaseId)
                    .query((rs, n) -> new Claimed(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                    .list();
            if (claimed.isEmpty()) {
                return 0;
            }
            Map<Long, List<String>> members = members(claimed);
            List<String> everyone =
                    new ArrayList<>(claimed.stream().map(Claimed::idNumber).toList());
            members.values().forEach(everyone::addAll);
            Map<String, Resident> residents = register.residents(everyone);
            Map<String, Resident> heads = register.householdHeads(claimed.stream()
                    .map(Claimed::householdKey)
                    .filter(java.util.Objects::nonNull)
                    .toList());
            List<String> codes = new ArrayList<>();
            claimed.forEach(c -> {
                codes.add(c.villageCode());
                codes.add(c.gridCode());
            });
            Map<String, String> names = regions.names(codes);
            List<Claimed> starting = new ArrayList<>(claimed.size());
            List<String> titles = new ArrayList<>(claimed.size());
            List<Boolean> texts = new ArrayList<>(claimed.size());
            for (Claimed c : claimed) {
                Resident r = residents.get(c.idNumber());
                if (r != null) {
                    String regionName = c.gridCode() != null && names.containsKey(c.gridCode())
                            ? names.get(c.gridCode())
                            : names.getOrDefault(c.villageCode(), "");
                    List<Resident> household = new ArrayList<>(List.of(r));
                    members.getOrDefault(c.caseId(), List.of()).stream()
                            .map(residents::get)
                            .filter(java.util.Objects::nonNull)
                            .forEach(household::add);
                    // the household's text reaches it if its head or any member still to pay can be texted
                    boolean canText = household.stream().anyMatch(Resident::canText)
                            || c.householdKey() != null
                                    && heads.containsKey(c.householdKey())
                                    && heads.get(c.householdKey()).canText();
                    String who = PersonName.mask(r.name());
                    starting.add(c);
                    // the task card's line, in the reader's language: "李*等3人 · 村"
                    titles.add(
                            household.size() > 1
                                    ? StoredMessage.of("outreach.task.household", who, household.size(), regionName)
                                    : who + " · " + regionName);
                    texts.add(canText);
                }
            }
            List<Long> texted = new ArrayList<>();
            for (int i = 0; i < starting.size(); i++) {
                if (texts.get(i)) {
                    texted.add(starting.get(i).caseId());
                }
            }
            String[] instances = new String[starting.size()];
            Long[] cases = new Long[starting.size()];
            // each first reminder reads its household's figures from one read of the whole batch
            // with the residents and heads read above (the same transaction): not read twice
            // the grants' region of each instance is its case's, read above (not looked up again per instance)
            Map<Long, String> regionByCase = new java.util.HashMap<>();
            starting.forEach(c -> regionByCase.put(c.caseId(), c.gridCode() != null ? c.gridCode() : c.villageCode()));
            try (OutreachService.ReminderScope prepared =
                            outreach.prepareReminders(campaign.id(), texted, residents, heads);
                    OutreachProcessRegion.AutoCloseableScope known = OutreachProcessRegion.knowing(regionByCase)) {
                for (int i = 0; i < starting.size(); i++) {
                    Claimed c = starting.get(i);
                    instances[i] = startProcess(campaign, c, titles.get(i), texts.get(i));
                    cases[i] = c.caseId();
                }
            }
            // one statement for the batch (a JDBC batch of single-row updates cost 110 µs a case, 3.5 s of a county)
            jdbc.sql("update outreach_case o set process_instance_id = s.instance from unnest(?::text[], ?::bigint[]) "
                            + "s(instance, id) where o.id = s.id")
                    .params(instances, cases)
                    .update();
            return starting.size();
        });
    }

    /** The open member cases' residents of each claimed lead, by lead case id (one query for the batch). */
    private Map<Long, List<String>> members(List<Claimed> leads) {
        Long[] ids = leads.stream()
                .filter(c -> c.householdKey() != null)
                .map(Claimed::caseId)
                .toArray(Long[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        Map<Long, List<String>> members = new java.util.HashMap<>();
        jdbc.sql("select lead_case_id, id_number from outreach_case where lead_case_id = any(?::bigint[]) "
                        + "and ended_at is null order by household_rank, id")
                .param(ids)
                .query((rs, n) -> members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return members;
    }

    private String startProcess(Campaign campaign, Claimed c, String title, boolean canText) {
        String group = c.gridCode() != null
                ? Role.GRID_WORKER.groupAt(c.gridCode())
                : Role.VILLAGE_CADRE.groupAt(c.villageCode());
        return runtime.createProcessInstanceByKey(OutreachProcess.KEY)
                .businessKey(Long.toString(c.caseId()))
                // the case is the business key (delegates read it there); the wait between reminders is the setting's
                // when each timer starts (OutreachWaits): neither is a variable, two rows fewer per
                // instance and two in its history
                .setVariables(Variables.createVariables()
                        .putValue(OutreachProcess.VAR_CAMPAIGN_ID, campaign.id())
                        .putValue(OutreachProcess.VAR_CAMPAIGN_NAME, campaign.name())
                        .putValue(OutreachProcess.VAR_REGION_NAME, title)
                        .putValue(OutreachProcess.VAR_CAN_TEXT, canText)
                        .putValue(OutreachProcess.VAR_VISIT_GROUP, group))
                .execute()
                .getId();
    }
}
