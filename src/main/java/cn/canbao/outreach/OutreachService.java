package cn.canbao.outreach;

import cn.canbao.base.DomainException;
import cn.canbao.base.Texts;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.outreach.correction.CorrectionService;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.policy.PolicyService;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.RegisterService;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.sms.SmsOutbox;
import cn.canbao.sms.SmsRequest;
import cn.canbao.sms.SmsService;
import cn.canbao.sms.SmsTemplates;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the outreach process does at each step: send a reminder through the SMS outbox (in the process's
 * transaction; the dispatcher sends later), open a visit, record what the visit found, end the case.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional
public class OutreachService {

    private static final Logger log = LoggerFactory.getLogger(OutreachService.class);
    /** Says no rule, only that there is one: used when the history cannot be assessed. */
    static final String UNASSESSED = "逾期参保将影响医保待遇";

    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("M月d日");

    private final JdbcClient jdbc;
    private final SmsOutbox outbox;
    private final SmsService sms;
    private final PolicyService policy;
    private final RegisterService register;
    private final RegisterCandidates persons;
    private final CampaignService campaigns;
    private final CorrectionService corrections;
    private final OutreachSettings settings;
    private final OutreachQueries queries;
    private final RegionService regions;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final org.camunda.bpm.engine.TaskService tasks;
    private final Clock clock;

    OutreachService(
            JdbcClient jdbc,
            SmsOutbox outbox,
            SmsService sms,
            PolicyService policy,
            RegisterService register,
            RegisterCandidates persons,
            CampaignService campaigns,
            CorrectionService corrections,
            OutreachSettings settings,
            OutreachQueries queries,
            RegionService regions,
            org.camunda.bpm.engine.RuntimeService runtime,
            org.camunda.bpm.engine.TaskService tasks,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.sms = sms;
        this.policy = policy;
        this.register = register;
        this.persons = persons;
        this.campaigns = campaigns;
        this.corrections = corrections;
        this.settings = settings;
        this.queries = queries;
        this.regions = regions;
        this.runtime = runtime;
        this.tasks = tasks;
    }

    /** Who visits: the grid worker of the resident's grid, or the village cadre where there is no grid. */
    private static final Role[] VISITORS = {Role.GRID_WORKER, Role.VILLAGE_CADRE};

    /** The case as outreach keeps it; its campaign and resident are asked of their modules where a step needs them. */
    private record CaseFacts(
            long id,
            long campaignId,
            String idNumber,
            String villageCode,
            String gridCode,
            boolean ended,
            String householdKey) {
        /** The most precise region of the case: its grid, else its village. */
        String regionCode() {
            return gridCode != null ? gridCode : villageCode;
        }
    }

    private static final String SELECT_FACTS = "select id, campaign_id, id_number, village_code, grid_code, "
            + "ended_at is not null, household_key from outreach_case";

    private static final org.springframework.jdbc.core.RowMapper<CaseFacts> FACTS = (rs, n) -> new CaseFacts(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getBoolean(6),
            rs.getString(7));

    private CaseFacts facts(long caseId) {
        return jdbc.sql(SELECT_FACTS + " where id = ?")
                .param(caseId)
                .query(FACTS)
                .optional()
                .orElseThrow(() -> new OutreachException("outreach.error.caseNotFound", caseId));
    }

    /** The case's resident as the register shows them to the caller; a case whose resident it does not show is not found. */
    private RegisterCandidates.Resident resident(CaseFacts c) {
        RegisterCandidates.Resident r =
                persons.residents(java.util.List.of(c.idNumber())).get(c.idNumber());
        if (r == null) {
            throw new OutreachException("outreach.error.caseNotFound", c.id());
        }
        return r;
    }

    private Timestamp now() {
        return new Timestamp(clock.millis());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Queues the reminder of the template for the case's resident (the SMS module skips, and records why,
     * when the resident opted out or has no valid mobile) and moves the case on to the next wait.
     */
    public void remind(long caseId, String template) {
        PreparedReminders prepared = PREPARED.get();
        ReminderInputs in = prepared != null ? prepared.inputs().get(caseId) : null;
        if (in == null) {
            CaseFacts c = facts(caseId);
            CurrentUser.requireActing(c.regionCode()); // a process step: the system only
            List<CaseFacts> open = openHousehold(caseId);
            if (open.isEmpty()) {
                return;
            }
            in = new ReminderInputs(
                    c,
                    open,
                    campaigns.get(c.campaignId()),
                    persons.residents(open.stream().map(CaseFacts::idNumber).toList()),
                    c.householdKey() == null ? Optional.empty() : head(c.householdKey()),
                    Map.of());
        } else {
            CurrentUser.requireActing(in.lead().regionCode()); // a process step: the system only
        }
        CaseFacts c = in.lead();
        Map<String, RegisterCandidates.Resident> residents = in.residents();
        List<RegisterCandidates.Resident> members = in.open().stream()
                .map(o -> residents.get(o.idNumber()))
                .filter(java.util.Objects::nonNull)
                .toList();
        if (members.isEmpty()) {
            throw new OutreachException("outreach.error.caseNotFound", caseId);
        }
        // one text per household: the members still to pay, by relation, and the sum of their shares, each share from
        // the assessment the person file shows (PolicyService.reminder)
        Map<String, PolicyService.Reminder> known = in.figures();
        List<PolicyService.Reminder> figures = members.stream()
                .map(m -> known.containsKey(m.idNumber()) ? known.get(m.idNumber()) : reminderOf(m.idNumber()))
                .toList();
        RegisterCandidates.Resident contact =
                c.householdKey() == null ? members.get(0) : Household.contact(members, in.head());
        boolean household = c.householdKey() != null
                && (members.size() > 1
                        || !contact.idNumber().equals(members.get(0).idNumber()));
        // no name, ID or phone: "Texts carry no names or ID numbers" (issue 16; SmsText refuses them)
        Map<String, String> variables = Map.of(
                "amount", Household.sum(figures).stripTrailingZeros().toPlainString(),
                "deadline", DEADLINE.format(in.campaign().collectionEnd()),
                "channels", settings.paymentChannels(),
                "consequence", Household.consequence(figures, UNASSESSED),
                "members", household ? Household.members(members) : Household.SELF);
        String key = !household
                ? template
                : OutreachProcess.TEMPLATE_FIRST.equals(template)
                        ? SmsTemplates.HOUSEHOLD_FIRST
                        : SmsTemplates.HOUSEHOLD_SECOND;
        SmsRequest text = new SmsRequest(
                contact.idNumber(),
                contact.textMobile(),
                c.regionCode(),
                c.campaignId(),
                key,
                variables,
                "outreach:" + caseId + ":" + template);
        OutreachStage stage =
                OutreachProcess.TEMPLATE_FIRST.equals(template) ? OutreachStage.REMINDED : OutreachStage.REMINDED_AGAIN;
        if (prepared != null && prepared.inputs().containsKey(caseId)) {
            // the batch's texts are queued and its cases move on together when its scope closes
            prepared.texts().add(text);
            prepared.reminded().put(caseId, stage);
            return;
        }
        outbox.enqueue(text);
        Timestamp now = now();
        jdbc.sql("update outreach_case set stage = ?, last_contact_at = ?, next_action_at = ? "
                        + "where (id = ? or lead_case_id = ?) and ended_at is null")
                .params(
                        stage.name(),
                        now,
                        Timestamp.from(now.toInstant().plus(settings.reminderWait())),
                        caseId,
                        caseId)
                .update();
    }

    /**
     * Moves the reminded cases of a batch, and the members they lead, on to the next wait: two statements for the
     * batch instead of one per household (125 µs each, 3.5 s of a county's start).
     */
    private void moveOn(Map<Long, OutreachStage> reminded) {
        if (reminded.isEmpty()) {
            return;
        }
        Long[] ids = reminded.keySet().toArray(Long[]::new);
        String[] stages = reminded.values().stream().map(OutreachStage::name).toArray(String[]::new);
        Timestamp now = now();
        Timestamp next = Timestamp.from(now.toInstant().plus(settings.reminderWait()));
        for (String match : List.of("o.id", "o.lead_case_id")) {
            jdbc.sql("update outreach_case o set stage = s.stage, last_contact_at = ?, next_action_at = ? "
                            + "from unnest(?::bigint[], ?::text[]) s(id, stage) where " + match + " = s.id "
                            + "and o.ended_at is null")
                    .params(now, next, ids, stages)
                    .update();
        }
    }

    /**
     * What a household's reminder reads: its lead case, the open cases it serves (lead first), the campaign, their
     * residents, the household's head and the policy figures already assessed (a member missing there is assessed
     * alone).
     */
    private record ReminderInputs(
            CaseFacts lead,
            List<CaseFacts> open,
            Campaign campaign,
            Map<String, RegisterCandidates.Resident> residents,
            Optional<RegisterCandidates.Resident> head,
            Map<String, PolicyService.Reminder> figures) {}

    /**
     * The reminder inputs of a batch's lead cases, read together ({@link #prepareReminders}), and the stage each case
     * reminded so far moves on to when the scope closes, with the texts they queue then.
     */
    private record PreparedReminders(
            Map<Long, ReminderInputs> inputs, List<SmsRequest> texts, Map<Long, OutreachStage> reminded) {}

    /**
     * While open, the reminders of a batch read together serve {@link #remind} on this thread; closing it queues their
     * texts and moves the reminded cases on (in the caller's transaction: close it before that commits).
     */
    public interface ReminderScope extends AutoCloseable {
        @Override
        void close();
    }

    /** The batch read of the outreach start running on this thread, if any. */
    private static final ThreadLocal<PreparedReminders> PREPARED = new ThreadLocal<>();

    /**
     * Reads what the reminders of a batch of lead cases need in a few statements, for the outreach start that is
     * about to start their processes on this thread: until the returned scope is closed, {@link #remind} of these
     * cases takes its inputs from here instead of six reads per household. The reads are the same ones, made in the
     * same transaction; only the system may do it, as only it may remind.
     */
    public ReminderScope prepareReminders(long campaignId, java.util.Collection<Long> leadCaseIds) {
        return prepareReminders(campaignId, leadCaseIds, Map.of(), null);
    }

    /**
     * {@link #prepareReminders(long, java.util.Collection)} with what the caller read already in this transaction: the
     * residents it has (the others are read), and the heads of every household of these cases (null: read them).
     */
    public ReminderScope prepareReminders(
            long campaignId,
            java.util.Collection<Long> leadCaseIds,
            Map<String, RegisterCandidates.Resident> knownResidents,
            Map<String, RegisterCandidates.Resident> knownHeads) {
        Campaign campaign = campaigns.get(campaignId);
        CurrentUser.requireActing(campaign.countyCode());
        Long[] ids = leadCaseIds.toArray(Long[]::new);
        Map<Long, List<CaseFacts>> households = new java.util.LinkedHashMap<>();
        jdbc.sql("select id, campaign_id, id_number, village_code, grid_code, ended_at is not null, household_key, "
                        + "coalesce(lead_case_id, id) from outreach_case where (id = any(?::bigint[]) or lead_case_id = any(?::bigint[])) and campaign_id = ? "
                        + "and ended_at is null order by household_rank nulls first, id")
                .params(ids, ids, campaignId)
                .query((rs, n) -> households
                        .computeIfAbsent(rs.getLong(8), k -> new java.util.ArrayList<>())
                        .add(FACTS.mapRow(rs, n)))
                .list();
        List<String> everyone = households.values().stream()
                .flatMap(List::stream)
                .map(CaseFacts::idNumber)
                .toList();
        Map<String, RegisterCandidates.Resident> residents = new java.util.HashMap<>(persons.residents(
                everyone.stream().filter(id -> !knownResidents.containsKey(id)).toList()));
        everyone.stream().filter(knownResidents::containsKey).forEach(id -> residents.put(id, knownResidents.get(id)));
        Map<String, RegisterCandidates.Resident> heads = knownHeads != null
                ? knownHeads
                : persons.householdHeads(households.values().stream()
                        .map(h -> h.get(0).householdKey())
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList());
        Map<String, PolicyService.Reminder> figures = policy.reminders(residents.keySet(), today());
        Map<Long, ReminderInputs> inputs = new java.util.HashMap<>();
        households.forEach((lead, open) -> {
            // the lead itself is the first of its household only when it is its head or first listed: find it
            CaseFacts leadCase =
                    open.stream().filter(o -> o.id() == lead).findFirst().orElse(null);
            if (leadCase != null) {
                inputs.put(
                        lead,
                        new ReminderInputs(
                                leadCase,
                                open,
                                campaign,
                                residents,
                                Optional.ofNullable(leadCase.householdKey()).map(heads::get),
                                figures));
            }
        });
        PreparedReminders prepared =
                new PreparedReminders(inputs, new java.util.ArrayList<>(), new java.util.LinkedHashMap<>());
        PREPARED.set(prepared);
        return () -> {
            PREPARED.remove();
            if (!prepared.texts().isEmpty()) {
                outbox.enqueueAll(prepared.texts());
            }
            moveOn(prepared.reminded());
        };
    }

    /** The head of the household, if the register has them (a contact even when insured). */
    private Optional<RegisterCandidates.Resident> head(String householdKey) {
        return Optional.ofNullable(persons.householdHeads(List.of(householdKey)).get(householdKey));
    }

    /**
     * The open cases a case's process serves, head first: the case itself and the members it leads (issue 16: "one
     * visit covers all uninsured members"); a case of no household is alone in it.
     */
    private List<CaseFacts> openHousehold(long leadCaseId) {
        return jdbc.sql(SELECT_FACTS + " where (id = ? or lead_case_id = ?) and ended_at is null "
                        + "order by household_rank nulls first, id")
                .params(leadCaseId, leadCaseId)
                .query(FACTS)
                .list();
    }

    /** The visit task was created with its due date: the worklist sorts by it. */
    public void visitDue(long caseId, Date due) {
        CurrentUser.requireActing(facts(caseId).regionCode()); // a process step: the system only
        jdbc.sql("update outreach_case set stage = 'VISIT_DUE', next_action_at = ? "
                        + "where (id = ? or lead_case_id = ?) and ended_at is null")
                .params(new Timestamp(due.getTime()), caseId, caseId)
                .update();
    }

    /**
     * Records a visit: the visit row, the resident's corrected mobile or address and the reason they give
     * (straight into the register, logged), and, for moved / deceased / insured elsewhere, a correction request
     * a clerk must verify. Refused with a reason when the report is incomplete; then nothing is recorded.
     */
    public long recordVisit(long caseId, VisitReport report, String by) {
        return recordHouseholdVisit(caseId, report, Map.of(), by).visitId();
    }

    /** What a household's visit recorded: the first visit row, and the earliest promised day (null: nobody promised). */
    public record HouseholdVisit(long visitId, LocalDate promisedDate) {}

    /**
     * Records the visit of a case's household (issue 16: "one visit covers all uninsured members"): one visit row per
     * open member, each with the outcome {@code memberOutcomes} gives for their case, else the report's. The member
     * cases must be open cases of this household — a case id from anywhere else is refused and nothing is recorded.
     * In a household of several, a member whose outcome is not a promise is closed at once with that outcome; the
     * process waits for the earliest promised day and then visits those still open. A corrected mobile is the
     * visited contact's (the first open member), a corrected address the household's.
     */
    public HouseholdVisit recordHouseholdVisit(
            long caseId, VisitReport report, Map<Long, VisitOutcome> memberOutcomes, String by) {
        CaseFacts lead = facts(caseId);
        CurrentUser.requireActing(lead.regionCode(), VISITORS);
        List<CaseFacts> open = openHousehold(caseId);
        if (open.isEmpty()) {
            throw new OutreachException("outreach.error.caseEnded", caseId);
        }
        java.util.Set<Long> openIds = open.stream().map(CaseFacts::id).collect(java.util.stream.Collectors.toSet());
        if (!openIds.containsAll(memberOutcomes.keySet())) {
            throw new OutreachException("outreach.error.notOfHousehold", caseId);
        }
        String mobile = validate(report);
        for (CaseFacts o : open) {
            validate(report.withOutcome(memberOutcomes.getOrDefault(o.id(), report.outcome())));
        }
        Timestamp now = now();
        long first = 0;
        LocalDate promised = null;
        for (CaseFacts o : open) {
            VisitReport r = report.withOutcome(memberOutcomes.getOrDefault(o.id(), report.outcome()));
            long visitId = recordOne(o, r, o == open.get(0) ? mobile : null, now, by);
            first = first == 0 ? visitId : first;
            if (r.outcome() == VisitOutcome.PROMISED) {
                promised = promised == null || r.promisedDate().isBefore(promised) ? r.promisedDate() : promised;
            } else if (open.size() > 1) {
                close(o.id(), r.outcome().name(), now);
            }
        }
        return new HouseholdVisit(first, promised);
    }

    private long recordOne(CaseFacts c, VisitReport report, String mobile, Timestamp now, String by) {
        long visitId = jdbc.sql(
                        "insert into visit (case_id, campaign_id, id_number, village_code, grid_code, visited_by, "
                                + "visited_at, method, outcome, reason, promised_date, corrected_mobile, corrected_address, note) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")
                .params(
                        c.id(),
                        c.campaignId(),
                        c.idNumber(),
                        c.villageCode(),
                        c.gridCode(),
                        by,
                        now,
                        report.method().name(),
                        report.outcome().name(),
                        report.reason() == null ? null : report.reason().name(),
                        report.promisedDate(),
                        mobile,
                        Texts.stripToNull(report.correctedAddress()),
                        Texts.stripToNull(report.note()))
                .query(Long.class)
                .single();
        if (mobile != null || Texts.stripToNull(report.correctedAddress()) != null) {
            register.correctContact(c.idNumber(), mobile, Texts.stripToNull(report.correctedAddress()), by);
        }
        if (report.reason() != null) {
            register.recordNotEnrolledReason(c.idNumber(), report.reason(), by);
        }
        if (report.outcome().needsCorrection()) {
            corrections.request(
                    c.idNumber(), c.campaignId(), campaigns.get(c.campaignId()).countyCode(), visitId, report, by);
        }
        Timestamp next = report.outcome() == VisitOutcome.PROMISED
                ? Timestamp.from(endOfDay(report.promisedDate()).toInstant())
                : null;
        jdbc.sql("update outreach_case set last_contact_at = ?, stage = case when ? then 'PROMISED' else stage end, "
                        + "next_action_at = coalesce(?, next_action_at) where id = ?")
                .params(now, report.outcome() == VisitOutcome.PROMISED, next, c.id())
                .update();
        return visitId;
    }

    /** The moment a promised day is over (the process waits for it before the next visit). */
    private Date endOfDay(LocalDate day) {
        return CampaignService.endOf(day, clock.getZone());
    }

    private String validate(VisitReport r) {
        if (r.method() == null || r.outcome() == null) {
            throw new OutreachException("outreach.error.outcomeRequired");
        }
        if (r.outcome() == VisitOutcome.PROMISED
                && (r.promisedDate() == null || r.promisedDate().isBefore(today()))) {
            throw new OutreachException("outreach.error.promiseDate");
        }
        if (r.outcome().needsCorrection() && Texts.stripToNull(r.evidence()) == null) {
            throw new OutreachException("outreach.error.evidenceRequired");
        }
        if (r.outcome() == VisitOutcome.DECEASED && r.eventDate() == null) {
            throw new OutreachException("outreach.error.deathDate");
        }
        if (r.outcome() == VisitOutcome.INSURED_ELSEWHERE && r.insuredScheme() == null) {
            throw new OutreachException("outreach.error.insuredScheme");
        }
        String movedTo = Texts.stripToNull(r.movedTo());
        if (r.outcome() == VisitOutcome.MOVED
                && movedTo != null
                && regions.findUnscoped(movedTo).isEmpty()) {
            throw new OutreachException("outreach.error.movedTo", movedTo);
        }
        String mobile = Texts.stripToNull(r.correctedMobile());
        if (mobile == null) {
            return null;
        }
        return MobileNumber.normalise(mobile)
                .orElseThrow(() -> new OutreachException("outreach.error.mobile", r.correctedMobile()));
    }

    /** Ends the case (once): a payment arrived, or the last visit's outcome ends it. */
    public void close(long caseId, String reason) {
        CurrentUser.requireActing(facts(caseId).regionCode()); // a process step: the system only
        jdbc.sql("update outreach_case set stage = 'ENDED', end_reason = ?, ended_at = ?, next_action_at = null "
                        + "where (id = ? or lead_case_id = ?) and ended_at is null")
                .params(reason, now(), caseId, caseId)
                .update();
    }

    /** One case of a household ends (its member paid, or their visit ended it); the household's process goes on. */
    private void close(long caseId, String reason, Timestamp at) {
        jdbc.sql("update outreach_case set stage = 'ENDED', end_reason = ?, ended_at = ?, next_action_at = null "
                        + "where id = ? and ended_at is null")
                .params(reason, at, caseId)
                .update();
    }

    /**
     * Payments arrived for some members of a household whose process goes on for the others: their cases end as
     * paid (the system, after a payment import).
     */
    public void closePaid(java.util.Collection<Long> caseIds) {
        Timestamp now = now();
        for (long id : caseIds) {
            CurrentUser.requireActing(facts(id).regionCode()); // the system only
            close(id, "PAYMENT_RECEIVED", now);
        }
    }

    /** What the resident risks by not paying (the visit form says it, as the reminders do). */
    @Transactional(readOnly = true)
    public String consequence(long caseId) {
        queries.caseOf(caseId); // in the caller's region
        return consequenceOf(facts(caseId).idNumber());
    }

    /**
     * The policy rules' sentence for the resident; when their payment history cannot be assessed (gaps the
     * register must correct first) a neutral sentence instead, so the reminder still goes out.
     */
    /**
     * The amount and sentence of a reminder, from the same assessment the person file shows; when the history
     * cannot be assessed, the fallback contribution of a fresh assessment is not available either, so the reminder
     * quotes the neutral sentence and the amount of the rule set alone.
     */
    private PolicyService.Reminder reminderOf(String idNumber) {
        try {
            return policy.reminder(idNumber, today());
        } catch (DomainException unassessable) {
            log.warn("No policy figures for {}: {}", IdNumber.mask(idNumber), unassessable.getMessage());
            return new PolicyService.Reminder(policy.personalContribution(idNumber, today()), UNASSESSED, false);
        }
    }

    private String consequenceOf(String idNumber) {
        try {
            return policy.nonPaymentConsequence(idNumber, today());
        } catch (DomainException unassessable) {
            log.warn("No policy consequence for {}: {}", IdNumber.mask(idNumber), unassessable.getMessage());
            return UNASSESSED;
        }
    }

    /** The resident asked the grid worker for no more texts: recorded as an opt-out by that worker. */
    public void optOut(long caseId) {
        CaseFacts c = facts(caseId);
        CurrentUser.requireActing(c.regionCode(), VISITORS);
        sms.optOut(c.idNumber(), "GRID_WORKER", CurrentUser.name());
    }

    /**
     * The grid worker visits now rather than after the wait (a reminder's, or a promise's): the waiting case gets
     * its visit task at once. Returns the visit task's id (also when the task was already there).
     */
    public String visitNow(long caseId) {
        CurrentUser.requireActing(facts(caseId).regionCode(), VISITORS);
        String instance = jdbc.sql(
                        "select coalesce(l.process_instance_id, oc.process_instance_id) from outreach_case oc "
                                + "left join outreach_case l on l.id = oc.lead_case_id where oc.id = ? and oc.ended_at is null")
                .param(caseId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new OutreachException("outreach.error.caseEnded", caseId));
        if (runtime.createEventSubscriptionQuery()
                        .processInstanceId(instance)
                        .eventName(OutreachProcess.MESSAGE_VISIT)
                        .count()
                > 0) {
            runtime.createMessageCorrelation(OutreachProcess.MESSAGE_VISIT)
                    .processInstanceId(instance)
                    .correlate();
        }
        return tasks
                .createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(OutreachProcess.TASK_VISIT)
                .list()
                .stream()
                .map(org.camunda.bpm.engine.task.Task::getId)
                .findFirst()
                .orElseThrow(() -> new OutreachException("outreach.error.cannotVisitNow"));
    }
}
