package cn.canbao.cadence;

import cn.canbao.base.Texts;
import cn.canbao.cadence.jobs.CadenceSchedule;
import cn.canbao.cadence.persistence.ReportQueries;
import cn.canbao.cadence.persistence.ReportWriter;
import cn.canbao.cadence.process.ReportProcesses;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.quota.TargetProgress;
import cn.canbao.quota.TargetService;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reporting cadence of campaigns (村每日一汇总, 乡镇三天一调度, 县级五天一通报): each campaign's schedule
 * (Quartz, one trigger per campaign), the daily tick that starts the village summaries and township
 * dispatches and calls for the bulletin, the confirmations, and how timely the reports were.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class CadenceService {

    private static final Logger log = LoggerFactory.getLogger(CadenceService.class);

    private final JdbcClient jdbc;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final TargetService targets;
    private final CadenceSchedule schedule;
    private final ReportWriter writer;
    private final ReportProcesses processes;
    private final ReportQueries queries;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CadenceService(
            JdbcClient jdbc,
            CampaignService campaigns,
            RegionService regions,
            TargetService targets,
            CadenceSchedule schedule,
            ReportWriter writer,
            ReportProcesses processes,
            ReportQueries queries,
            ApplicationEventPublisher events,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.regions = regions;
        this.targets = targets;
        this.schedule = schedule;
        this.writer = writer;
        this.processes = processes;
        this.queries = queries;
        this.events = events;
    }

    /** A campaign's cadence, if the caller may see the campaign. */
    public CadenceSettings settings(long campaignId) {
        campaigns.get(campaignId);
        return find(campaignId).orElseThrow(() -> new CadenceException("cadence.notScheduled", campaignId));
    }

    /** The county leader changes the cadence; the trigger moves to the new village time. */
    @Transactional
    public CadenceSettings configure(long campaignId, CadenceSettings s) {
        Campaign c = campaigns.get(campaignId);
        var user = CurrentUser.get();
        if (!CurrentUser.isSystem()
                && (user.isEmpty()
                        || !(user.get().hasRole(Role.COUNTY_LEADER)
                                || user.get().hasRole(Role.ADMIN)))) {
            throw new CadenceException("cadence.countyOnly");
        }
        regions.get(c.countyCode()); // a leader below the county sees the campaign but not the whole county
        validate(s);
        jdbc.sql("update campaign_cadence set first_day = ?, village_time = ?, village_window_hours = ?, "
                        + "township_every_days = ?, township_window_hours = ?, county_every_days = ?, skip_weekends = ?, "
                        + "updated_by = ?, updated_at = now() where campaign_id = ?")
                .params(
                        s.firstDay(),
                        s.villageTime(),
                        s.villageWindowHours(),
                        s.townshipEveryDays(),
                        s.townshipWindowHours(),
                        s.countyEveryDays(),
                        s.skipWeekends(),
                        CurrentUser.name(),
                        campaignId)
                .update();
        if (!ended(c)) {
            schedule.reschedule(campaignId, s.villageTime());
        }
        return settings(campaignId);
    }

    /** A campaign started: its cadence with the defaults from the collection start, and its trigger. */
    @Transactional
    void begin(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        CadenceSettings d = CadenceSettings.defaults(c.collectionStart());
        jdbc.sql("insert into campaign_cadence (campaign_id, first_day, village_time, village_window_hours, "
                        + "township_every_days, township_window_hours, county_every_days, skip_weekends, updated_by) "
                        + "values (?,?,?,?,?,?,?,?,?) on conflict do nothing")
                .params(
                        campaignId,
                        d.firstDay(),
                        d.villageTime(),
                        d.villageWindowHours(),
                        d.townshipEveryDays(),
                        d.townshipWindowHours(),
                        d.countyEveryDays(),
                        d.skipWeekends(),
                        CurrentUser.name())
                .update();
        schedule.ensure(campaignId, settings(campaignId).villageTime());
    }

    /** A campaign summarises or closed: no more reports are called for. */
    @Transactional
    void end(long campaignId) {
        schedule.remove(campaignId);
    }

    /**
     * One day of a campaign's cadence, as its Quartz trigger fires: on a reporting day (the n-th since the
     * first day, weekends not counted when skipped) one village summary per village; every
     * township_every_days-th day one dispatch per township; every county_every_days-th day
     * {@link BulletinDue}. A day is handled once, however often the trigger fires for it.
     */
    @Transactional
    public CadenceTick tick(long campaignId, LocalDate day) {
        Campaign c = campaigns.get(campaignId);
        Optional<CadenceSettings> found = find(campaignId);
        int n = found.map(s -> reportingDay(s, day)).orElse(0);
        if (n > 0 && !processes.running(c)) {
            // the campaign's process was deleted (by an admin, by a test): nobody should report for it
            schedule.remove(campaignId);
            return CadenceTick.nothing(day);
        }
        if (n == 0 || ended(c) || !writer.takeDay(campaignId, day, n)) {
            return CadenceTick.nothing(day);
        }
        CadenceSettings s = found.get();
        Instant now = clock.instant();
        Instant opens = day.atTime(s.villageTime()).atZone(clock.getZone()).toInstant();
        List<Region> townships = regions.descendantsAtLevel(c.countyCode(), RegionLevel.TOWNSHIP);
        int summaries = startSummaries(c, day, now, opens.plus(s.villageWindowHours(), ChronoUnit.HOURS), townships);
        int dispatches = 0;
        if (n % s.townshipEveryDays() == 0) {
            Instant due = opens.plus(s.townshipWindowHours(), ChronoUnit.HOURS);
            List<String> inserted = writer.insertDispatches(
                    campaignId,
                    day,
                    townships.stream().map(Region::code).toList(),
                    c.expectedCompletion(day),
                    s.townshipEveryDays(),
                    now,
                    due);
            List<Region> started =
                    townships.stream().filter(t -> inserted.contains(t.code())).toList();
            writer.dispatchInstances(campaignId, day, processes.startDispatches(c, started, day, due));
            dispatches = started.size();
        }
        boolean bulletin = n % s.countyEveryDays() == 0;
        if (bulletin) {
            events.publishEvent(new BulletinDue(campaignId, day));
        }
        events.publishEvent(new CadenceTicked(campaignId, day, n));
        log.info(
                "Campaign {} day {} (reporting day {}): {} village summaries, {} township dispatches{}",
                campaignId,
                day,
                n,
                summaries,
                dispatches,
                bulletin ? ", bulletin due" : "");
        return new CadenceTick(day, n, summaries, dispatches, bulletin);
    }

    private int startSummaries(Campaign c, LocalDate day, Instant now, Instant due, List<Region> townships) {
        Map<String, TargetProgress> progress = new HashMap<>();
        // one statement per township (≈22), none per village
        townships.forEach(t -> targets.progress(c.id(), t.code()).forEach(p -> progress.put(p.regionCode(), p)));
        List<Region> villages = regions.descendantsAtLevel(c.countyCode(), RegionLevel.VILLAGE);
        List<ReportWriter.VillageLine> lines = villages.stream()
                .map(v -> {
                    TargetProgress p = progress.get(v.code());
                    return new ReportWriter.VillageLine(
                            v.code(), v.parentCode(), p == null ? 0 : p.target(), p == null ? 0 : p.enrolled());
                })
                .toList();
        Set<String> inserted = Set.copyOf(
                writer.insertSummaries(c.id(), c.year(), c.countyCode(), day, c.createdAt(), now, due, lines));
        List<Region> started =
                villages.stream().filter(v -> inserted.contains(v.code())).toList();
        writer.summaryInstances(c.id(), day, processes.startSummaries(c, started, day, due));
        return started.size();
    }

    /** The n-th reporting day since the first day (1-based); 0 when the day is none. */
    static int reportingDay(CadenceSettings s, LocalDate day) {
        if (day.isBefore(s.firstDay()) || (s.skipWeekends() && weekend(day))) {
            return 0;
        }
        int n = 0;
        for (LocalDate d = s.firstDay(); !d.isAfter(day); d = d.plusDays(1)) {
            if (!(s.skipWeekends() && weekend(d))) {
                n++;
            }
        }
        return n;
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static boolean ended(Campaign c) {
        return c.phase() == CampaignPhase.SUMMARISE || c.phase() == CampaignPhase.CLOSED;
    }

    /** The village cadre confirms the day's summary (the complete listener of its task). */
    @Transactional
    public void confirmSummary(long campaignId, String villageCode, LocalDate day, String remarks) {
        regions.get(villageCode);
        CurrentUser.requireActing(villageCode, Role.VILLAGE_CADRE);
        jdbc.sql("update village_summary set remarks = ?, confirmed_at = ?, confirmed_by = ? where campaign_id = ? "
                        + "and village_code = ? and report_date = ? and confirmed_at is null")
                .params(
                        Texts.trimToNull(remarks),
                        Timestamp.from(clock.instant()),
                        CurrentUser.name(),
                        campaignId,
                        villageCode,
                        day)
                .update();
    }

    /** The township leader records the dispatch's instructions (required; the complete listener of its task). */
    @Transactional
    public void recordDispatch(long campaignId, String townshipCode, LocalDate day, String instructions) {
        regions.get(townshipCode);
        CurrentUser.requireActing(townshipCode, Role.TOWNSHIP_LEADER);
        if (Texts.trimToNull(instructions) == null) {
            throw new CadenceException("cadence.instructionsRequired");
        }
        jdbc.sql(
                        "update township_dispatch set instructions = ?, confirmed_at = ?, confirmed_by = ? where campaign_id = ? "
                                + "and township_code = ? and dispatch_date = ? and confirmed_at is null")
                .params(
                        instructions.trim(),
                        Timestamp.from(clock.instant()),
                        CurrentUser.name(),
                        campaignId,
                        townshipCode,
                        day)
                .update();
    }

    /** The report a village-summary or township-dispatch process instance is about: campaign, region, day. */
    public record Report(long campaignId, String regionCode, LocalDate day) {}

    /**
     * The report of a process instance, from the row the tick wrote with the instance's id (state the process
     * owns; its variables could have been rewritten through a task), if the caller may see its region.
     */
    public Report reportOf(String processInstanceId) {
        Report r = jdbc.sql(
                        "select campaign_id, village_code, report_date from village_summary where process_instance_id = ? "
                                + "union all select campaign_id, township_code, dispatch_date from township_dispatch "
                                + "where process_instance_id = ?")
                .params(processInstanceId, processInstanceId)
                .query((rs, n) -> new Report(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .optional()
                .orElseThrow(() -> new CadenceException("cadence.noProcessReport", processInstanceId));
        regions.get(r.regionCode());
        return r;
    }

    /** A village's summary of a day, if the caller may see the village. */
    public VillageSummary summary(long campaignId, String villageCode, LocalDate day) {
        return queries.summary(campaignId, regions.get(villageCode), day);
    }

    /** A township's dispatch of a day, if the caller may see the township. */
    public TownshipDispatch dispatch(long campaignId, String townshipCode, LocalDate day) {
        return queries.dispatch(campaignId, regions.get(townshipCode), day);
    }

    /** The township's villages on a dispatch day: numbers of that day, how their previous summary stands, lagging. */
    public List<VillageReport> villageReports(long campaignId, String townshipCode, LocalDate day) {
        TownshipDispatch d = dispatch(campaignId, townshipCode, day);
        return queries.villageReports(campaignId, townshipCode, day, Set.copyOf(d.laggingVillages()));
    }

    /** The last {@code days} reporting days × the villages of the campaign in the caller's scope. */
    public ReportMatrix matrix(long campaignId, int days) {
        campaigns.get(campaignId);
        return queries.matrix(campaignId, days);
    }

    /**
     * Per township of the campaign: the village summaries and township dispatches whose window closed in
     * [from, until), how many were confirmed late and how many are missing. One statement.
     */
    public List<ReportTimeliness> timeliness(long campaignId, Instant from, Instant until) {
        return jdbc.sql("""
                        with reports as (
                            select township_code, due_at, confirmed_at from village_summary
                            where campaign_id = ? and due_at >= ? and due_at < ?
                            union all
                            select township_code, due_at, confirmed_at from township_dispatch
                            where campaign_id = ? and due_at >= ? and due_at < ?)
                        select township_code, count(*),
                               count(*) filter (where confirmed_at > due_at),
                               count(*) filter (where confirmed_at is null)
                        from reports group by township_code order by township_code
                        """)
                .params(
                        campaignId,
                        Timestamp.from(from),
                        Timestamp.from(until),
                        campaignId,
                        Timestamp.from(from),
                        Timestamp.from(until))
                .query((rs, n) -> new ReportTimeliness(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }

    private Optional<CadenceSettings> find(long campaignId) {
        return jdbc.sql("select * from campaign_cadence where campaign_id = ?")
                .params(campaignId)
                .query(SETTINGS)
                .optional();
    }

    private static void validate(CadenceSettings s) {
        if (s.firstDay() == null
                || s.villageTime() == null
                || s.villageWindowHours() < 1
                || s.villageWindowHours() > 72
                || s.townshipEveryDays() < 1
                || s.townshipEveryDays() > 30
                || s.townshipWindowHours() < 1
                || s.townshipWindowHours() > 120
                || s.countyEveryDays() < 1
                || s.countyEveryDays() > 60) {
            throw new CadenceException("cadence.badSettings");
        }
    }

    private static final RowMapper<CadenceSettings> SETTINGS = (rs, n) -> new CadenceSettings(
            rs.getObject("first_day", LocalDate.class),
            rs.getObject("village_time", LocalTime.class),
            rs.getInt("village_window_hours"),
            rs.getInt("township_every_days"),
            rs.getInt("township_window_hours"),
            rs.getInt("county_every_days"),
            rs.getBoolean("skip_weekends"));
}
