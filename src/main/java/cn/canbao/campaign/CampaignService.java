package cn.canbao.campaign;

import cn.canbao.base.database.Timestamps;
import cn.canbao.campaign.process.CampaignProcess;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting campaigns (扩面行动) and moving them along: a campaign row plus its BPMN process, started in
 * one transaction; the collection period can be extended (the waiting process hears of it); the
 * process reports phases back. Campaigns are visible to everyone in their county, above it and below it.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class CampaignService {

    private final JdbcClient jdbc;
    private final RegionService regions;
    private final CurrentRegionScope scope;
    private final RuntimeService runtime;

    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignService(
            JdbcClient jdbc,
            RegionService regions,
            CurrentRegionScope scope,
            RuntimeService runtime,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
    }

    /** Saves the campaign and starts its process; the county leader of that county gets the first task. */
    @Transactional
    public Campaign start(NewCampaign c) {
        Region county = validate(c);
        long id = jdbc.sql(
                        "insert into campaign (name, year, county_code, collection_start, collection_end, "
                                + "coverage_goal, breakdown_days, escalation_days, created_by) values (?,?,?,?,?,?,?,?,?) returning id")
                .params(
                        c.name().trim(),
                        c.year(),
                        county.code(),
                        c.collectionStart(),
                        c.collectionEnd(),
                        c.coverageGoal(),
                        c.breakdownDays(),
                        c.escalationDays(),
                        CurrentUser.name())
                .query(Long.class)
                .single();
        Map<String, Object> variables = new HashMap<>();
        variables.put(CampaignProcess.VAR_CAMPAIGN_ID, id);
        variables.put(CampaignProcess.VAR_CAMPAIGN_NAME, c.name().trim());
        variables.put(CampaignProcess.VAR_COUNTY_CODE, county.code());
        variables.put(CampaignProcess.VAR_COUNTY_LEADER_GROUP, Role.COUNTY_LEADER.groupAt(county.code()));
        variables.put(CampaignProcess.VAR_PUBLISH_DUE, daysFromNow(clock, c.breakdownDays()));
        variables.put(CampaignProcess.VAR_COLLECTION_END, endOf(c.collectionEnd(), clock.getZone()));
        String instance = runtime.startProcessInstanceByKey(CampaignProcess.KEY, Long.toString(id), variables)
                .getId();
        jdbc.sql("update campaign set process_instance_id = ? where id = ?")
                .params(instance, id)
                .update();
        events.publishEvent(new CampaignStarted(id));
        return get(id);
    }

    private Region validate(NewCampaign c) {
        if (c.name() == null || c.name().isBlank() || c.name().trim().length() > 100) {
            throw new CampaignException("campaign.nameRequired");
        }
        if (c.year() < 2000 || c.year() > 2100) {
            throw new CampaignException("campaign.badYear", c.year());
        }
        if (c.collectionStart() == null
                || c.collectionEnd() == null
                || c.collectionEnd().isBefore(c.collectionStart())) {
            throw new CampaignException("campaign.badPeriod");
        }
        if (c.coverageGoal() == null
                || c.coverageGoal().signum() <= 0
                || c.coverageGoal().compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new CampaignException("campaign.badGoal");
        }
        if (c.breakdownDays() < 1 || c.breakdownDays() > 60 || c.escalationDays() < 1 || c.escalationDays() > 60) {
            throw new CampaignException("campaign.badDays");
        }
        Region county = regions.get(c.countyCode());
        if (county.level() != RegionLevel.COUNTY) {
            throw new CampaignException("campaign.notCounty", county.name());
        }
        return county;
    }

    /** Moves the end of the collection period later; a process waiting for the old end waits for the new one. */
    @Transactional
    public Campaign extend(long id, LocalDate newEnd, String reason) {
        Campaign c = get(id);
        if (reason == null || reason.isBlank()) {
            throw new CampaignException("campaign.extensionReasonRequired");
        }
        if (newEnd == null || !newEnd.isAfter(c.collectionEnd())) {
            throw new CampaignException("campaign.extensionNotLater", c.collectionEnd());
        }
        if (c.phase() == CampaignPhase.SUMMARISE || c.phase() == CampaignPhase.CLOSED) {
            throw new CampaignException("campaign.alreadyEnded");
        }
        jdbc.sql("update campaign set collection_end = ? where id = ?")
                .params(newEnd, id)
                .update();
        jdbc.sql(
                        "insert into campaign_extension (campaign_id, old_end, new_end, reason, extended_by) values (?,?,?,?,?)")
                .params(id, c.collectionEnd(), newEnd, reason.trim(), CurrentUser.name())
                .update();
        runtime.setVariable(c.processInstanceId(), CampaignProcess.VAR_COLLECTION_END, endOf(newEnd, clock.getZone()));
        runtime.createMessageCorrelation(CampaignProcess.MESSAGE_EXTENDED)
                .processInstanceBusinessKey(Long.toString(id))
                .setVariable(CampaignProcess.VAR_COLLECTION_END, endOf(newEnd, clock.getZone()))
                .correlateAll();
        return get(id);
    }

    /** Called by the process as it passes a phase milestone. */
    @Transactional
    public void enterPhase(long id, CampaignPhase phase) {
        CurrentUser.requireActing(get(id).countyCode()); // a step of the campaign's process: the system only
        jdbc.sql("update campaign set phase = ? where id = ?")
                .params(phase.name(), id)
                .update();
        events.publishEvent(new CampaignPhaseChanged(id, phase));
    }

    /** The county's summary (总结提升), written when the summarise task completes. */
    @Transactional
    public void summarise(long id, String summary) {
        if (summary == null || summary.isBlank()) {
            throw new CampaignException("campaign.summaryRequired");
        }
        CurrentUser.requireActing(get(id).countyCode(), Role.COUNTY_LEADER);
        jdbc.sql("update campaign set summary = ? where id = ?")
                .params(summary.trim(), id)
                .update();
    }

    /** The campaign, if it belongs to a county in, above or below the caller's region. */
    public Campaign get(long id) {
        return find(id).orElseThrow(() -> CampaignException.notFound(id));
    }

    /** The campaigns the caller can see, newest first. */
    public List<Campaign> list() {
        return named(jdbc.sql(SELECT + " where " + VISIBLE + " order by c.year desc, c.id desc")
                .params(prefix(), prefix())
                .query(MAPPER)
                .list());
    }

    /** The history of the collection period's extensions. */
    public List<Map<String, Object>> extensions(long id) {
        get(id);
        return jdbc.sql("select old_end, new_end, reason, extended_by, extended_at from campaign_extension "
                        + "where campaign_id = ? order by id")
                .params(id)
                .query()
                .listOfRows();
    }

    /** A due date n days from now on the application's clock (the engine's: tests move it). */
    public static Date daysFromNow(Clock clock, int days) {
        return Date.from(clock.instant().plus(Duration.ofDays(days)));
    }

    /** The instant a collection period ends: the midnight after its last day, in the counties' zone (the clock's). */
    public static Date endOf(LocalDate lastDay, ZoneId zone) {
        return Date.from(lastDay.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private String prefix() {
        RegionScope s = scope.get();
        return s.codePrefix();
    }

    /** Campaigns without their counties' names, which the region module gives ({@link #named}). */
    private static final String SELECT = "select c.* from campaign c";
    // the caller's region lies in the county (prefix of the county) or the county lies in the caller's region
    private static final String VISIBLE = "(? like left(c.county_code, 6) || '%' or c.county_code like ? || '%')";

    private static final RowMapper<Campaign> MAPPER = (rs, n) -> new Campaign(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getInt("year"),
            rs.getString("county_code"),
            null,
            rs.getObject("collection_start", LocalDate.class),
            rs.getObject("collection_end", LocalDate.class),
            rs.getBigDecimal("coverage_goal"),
            rs.getInt("breakdown_days"),
            rs.getInt("escalation_days"),
            CampaignPhase.valueOf(rs.getString("phase")),
            rs.getString("process_instance_id"),
            rs.getString("summary"),
            rs.getString("created_by"),
            Timestamps.instant(rs.getTimestamp("created_at")));

    /** The campaigns with their counties' names (one query), as everyone who sees a campaign reads them. */
    private List<Campaign> named(List<Campaign> list) {
        Map<String, String> names =
                regions.countyNames(list.stream().map(Campaign::countyCode).toList());
        return list.stream()
                .map(c -> c.withCountyName(names.get(c.countyCode())))
                .toList();
    }

    /**
     * County (the 6 digits of its code) → the enrollment year whose collection period includes the day (the
     * latest, should two), over the campaigns the caller can see. One statement.
     */
    public Map<String, Integer> collectingYears(LocalDate day) {
        Map<String, Integer> years = new HashMap<>();
        jdbc.sql("select substr(c.county_code, 1, 6), max(c.year) from campaign c where ? between c.collection_start "
                        + "and c.collection_end and " + VISIBLE + " group by 1")
                .params(day, prefix(), prefix())
                .query(rs -> {
                    years.put(rs.getString(1), rs.getInt(2));
                });
        return years;
    }

    /** The years of these campaigns, by id (one query; campaigns the caller cannot see are absent). */
    public Map<Long, Integer> years(java.util.Collection<Long> ids) {
        Map<Long, Integer> years = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select c.id, c.year from campaign c where c.id = any(?) and " + VISIBLE)
                    .params(ids.stream().distinct().toArray(Long[]::new), prefix(), prefix())
                    .query((rs, n) -> years.put(rs.getLong(1), rs.getInt(2)))
                    .list();
        }
        return years;
    }

    /**
     * The enrollment year of each of these counties that has a campaign not closed (the latest such campaign's
     * year), by county code; counties without one are absent (their year is the calendar year). One query.
     */
    public Map<String, Integer> enrollmentYears(java.util.Collection<String> countyCodes) {
        Map<String, Integer> years = new HashMap<>();
        if (!countyCodes.isEmpty()) {
            jdbc.sql("select c.county_code, max(c.year) from campaign c where c.county_code = any(?) "
                            + "and c.phase <> 'CLOSED' and " + VISIBLE + " group by c.county_code")
                    .params(countyCodes.stream().distinct().toArray(String[]::new), prefix(), prefix())
                    .query((rs, n) -> years.put(rs.getString(1), rs.getInt(2)))
                    .list();
        }
        return years;
    }

    /** The campaign, if it belongs to a county in, above or below the caller's region (else empty). */
    public Optional<Campaign> find(long id) {
        return named(jdbc.sql(SELECT + " where c.id = ? and " + VISIBLE)
                        .params(id, prefix(), prefix())
                        .query(MAPPER)
                        .list())
                .stream()
                .findFirst();
    }

    /** The ids of the campaigns not closed that the caller sees, oldest first (the nightly refreshes). */
    public List<Long> openIds() {
        return jdbc.sql("select c.id from campaign c where c.phase <> 'CLOSED' and " + VISIBLE + " order by c.id")
                .params(prefix(), prefix())
                .query(Long.class)
                .list();
    }

    /**
     * The ids of the campaigns not closed, seen by the caller, whose county lies in, above or below a region
     * (e.g. an import's scope), oldest first; none for a malformed code.
     */
    public List<Long> openIdsAround(String regionCode) {
        Optional<RegionLevel> level = RegionLevel.ofCode(regionCode == null ? "" : regionCode);
        if (level.isEmpty()) {
            return List.of();
        }
        String prefix = level.get().prefixOf(regionCode);
        return jdbc.sql("select c.id from campaign c where c.phase <> 'CLOSED' and " + VISIBLE
                        + " and (c.county_code like ? || '%' or ? like left(c.county_code, 6) || '%') order by c.id")
                .params(prefix(), prefix(), prefix, regionCode)
                .query(Long.class)
                .list();
    }
}
