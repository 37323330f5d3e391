package cn.canbao.bulletin;

import cn.canbao.base.Texts;
import cn.canbao.base.database.Timestamps;
import cn.canbao.bulletin.process.BulletinReview;
import cn.canbao.cadence.CadenceService;
import cn.canbao.cadence.ReportTimeliness;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.quota.BaselineService;
import cn.canbao.quota.GroupCoverage;
import cn.canbao.quota.TargetService;
import cn.canbao.region.RegionService;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * County bulletins: drafted from the targets' progress and the reports' timeliness, published by the
 * county. Published bulletins are read at every level of the campaign's county; drafts only by the
 * county's leaders and admins (and the system).
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class BulletinService {

    private static final Logger log = LoggerFactory.getLogger(BulletinService.class);
    public static final int REMARKS_MAX_LENGTH = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final CampaignService campaigns;
    private final TargetService targets;
    private final CadenceService cadence;
    private final BulletinReview review;
    private final ApplicationEventPublisher events;
    private final BaselineService baseline;
    private final RegionService regions;
    private final Clock clock;

    BulletinService(
            JdbcClient jdbc,
            JdbcTemplate template,
            CampaignService campaigns,
            TargetService targets,
            CadenceService cadence,
            BulletinReview review,
            ApplicationEventPublisher events,
            BaselineService baseline,
            RegionService regions,
            Clock clock) {
        this.clock = clock;
        this.baseline = baseline;
        this.regions = regions;
        this.jdbc = jdbc;
        this.template = template;
        this.campaigns = campaigns;
        this.targets = targets;
        this.cadence = cadence;
        this.review = review;
        this.events = events;
    }

    /**
     * Drafts the campaign's next bulletin for the period ending with {@code periodEnd} and starts its
     * review by the county leader. Does nothing (empty) when a bulletin for that day or a later one exists.
     */
    @Transactional
    public Optional<Long> draft(long campaignId, LocalDate periodEnd) {
        Campaign c = campaigns.get(campaignId);
        Optional<LocalDate> lastEnd = jdbc.sql("select max(period_end) from bulletin where campaign_id = ?")
                .params(campaignId)
                .query(LocalDate.class)
                .optional();
        if (lastEnd.isPresent() && !periodEnd.isAfter(lastEnd.get())) {
            log.info(
                    "Bulletin of campaign {} for {} not drafted: one up to {} exists",
                    campaignId,
                    periodEnd,
                    lastEnd.get());
            return Optional.empty();
        }
        Instant from = lastEnd.map(this::endOfDay)
                .orElseGet(() -> min(
                        c.createdAt(),
                        c.collectionStart().atStartOfDay(clock.getZone()).toInstant()));
        Map<String, ReportTimeliness> timeliness = cadence.timeliness(campaignId, from, endOfDay(periodEnd)).stream()
                .collect(Collectors.toMap(ReportTimeliness::townshipCode, Function.identity()));
        BigDecimal expected = c.expectedCompletion(periodEnd);
        List<BulletinRow> rows = BulletinRanking.rank(
                targets.progress(campaignId, c.countyCode()),
                timeliness,
                previousPublishedCompletion(campaignId),
                expected);
        Optional<Long> id = jdbc.sql("insert into bulletin (campaign_id, number, period_end) select ?, "
                        + "coalesce(max(number), 0) + 1, ? from bulletin where campaign_id = ? "
                        + "on conflict (campaign_id, period_end) do nothing returning id")
                .params(campaignId, periodEnd, campaignId)
                .query(Long.class)
                .optional();
        id.ifPresent(bulletinId -> {
            insertRows(bulletinId, rows);
            insertGroupRows(bulletinId, baseline.groupTable(c.countyCode(), c.year()));
            Bulletin b = bulletin(bulletinId);
            String instance = review.start(b, Role.COUNTY_LEADER.groupAt(c.countyCode()));
            jdbc.sql("update bulletin set process_instance_id = ? where id = ?")
                    .params(instance, bulletinId)
                    .update();
            log.info(
                    "Bulletin {} of campaign {} drafted for {} ({} townships)",
                    b.number(),
                    campaignId,
                    periodEnd,
                    rows.size());
        });
        return id;
    }

    private Map<String, BigDecimal> previousPublishedCompletion(long campaignId) {
        return jdbc
                .sql(
                        "select r.township_code, r.completion from bulletin_row r where r.bulletin_id = "
                                + "(select id from bulletin where campaign_id = ? and status = 'PUBLISHED' order by number desc limit 1)")
                .params(campaignId)
                .query()
                .listOfRows()
                .stream()
                .collect(Collectors.toMap(m -> (String) m.get("township_code"), m -> (BigDecimal) m.get("completion")));
    }

    private void insertRows(long bulletinId, List<BulletinRow> rows) {
        template.batchUpdate(
                "insert into bulletin_row (bulletin_id, township_code, rank, target, enrolled, completion, "
                        + "previous_completion, coverage_rate, expected_completion, reports_due, reports_late, "
                        + "reports_missing, band) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows.stream()
                        .map(r -> new Object[] {
                            bulletinId,
                            r.townshipCode(),
                            r.rank(),
                            r.target(),
                            r.enrolled(),
                            r.completion(),
                            r.previousCompletion(),
                            r.coverageRate(),
                            r.expectedCompletion(),
                            r.reportsDue(),
                            r.reportsLate(),
                            r.reportsMissing(),
                            r.band().name()
                        })
                        .toList());
    }

    /** The 100% target groups (newborns, hardship) of the county and its townships, as they stand at the draft. */
    private void insertGroupRows(long bulletinId, List<GroupCoverage> groups) {
        template.batchUpdate(
                "insert into bulletin_group_row (bulletin_id, grp, region_code, registered, enrolled) "
                        + "values (?,?,?,?,?)",
                groups.stream()
                        .map(g ->
                                new Object[] {bulletinId, g.group().name(), g.regionCode(), g.registered(), g.enrolled()
                                })
                        .toList());
    }

    /**
     * The county leader publishes the draft with their remarks (optional): from now on every level reads
     * it, and {@link BulletinPublished} tells the listeners (escalation of lagging townships).
     */
    @Transactional
    public Bulletin publish(long bulletinId, String remarks) {
        Bulletin b = bulletin(bulletinId);
        String text = Texts.trimToNull(remarks);
        if (text != null && text.length() > REMARKS_MAX_LENGTH) {
            throw new BulletinException("bulletin.remarksTooLong", REMARKS_MAX_LENGTH);
        }
        if (!mayReadDrafts()) {
            throw new BulletinException("bulletin.notReviewer");
        }
        CurrentUser.requireActing(b.countyCode(), Role.COUNTY_LEADER, Role.ADMIN);
        int updated = jdbc.sql("update bulletin set status = 'PUBLISHED', remarks = ?, published_at = now(), "
                        + "published_by = ? where id = ? and status = 'DRAFT'")
                .params(text, CurrentUser.name(), bulletinId)
                .update();
        if (updated == 0) {
            throw new BulletinException("bulletin.alreadyPublished", b.number());
        }
        events.publishEvent(new BulletinPublished(b.campaignId(), bulletinId));
        return bulletin(bulletinId);
    }

    /** The campaign's bulletins the caller may read (published; drafts too for the county), newest first. */
    public List<Bulletin> list(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        return jdbc.sql(
                        "select * from bulletin where campaign_id = ? and (status = 'PUBLISHED' or ?) order by number desc")
                .params(campaignId, mayReadDrafts())
                .query(mapper(c))
                .list();
    }

    /** A bulletin by its number in the campaign, if the caller may read it. */
    public Bulletin get(long campaignId, int number) {
        Campaign c = campaigns.get(campaignId);
        return jdbc.sql("select * from bulletin where campaign_id = ? and number = ?")
                .params(campaignId, number)
                .query(mapper(c))
                .optional()
                .filter(this::readable)
                .orElseThrow(() -> BulletinException.notFound(number));
    }

    /** A bulletin by id, if the caller may read it. */
    public Bulletin bulletin(long bulletinId) {
        long campaignId = jdbc.sql("select campaign_id from bulletin where id = ?")
                .params(bulletinId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> BulletinException.notFound(bulletinId));
        Campaign c = campaigns.get(campaignId);
        return jdbc.sql("select * from bulletin where id = ?")
                .params(bulletinId)
                .query(mapper(c))
                .optional()
                .filter(this::readable)
                .orElseThrow(() -> BulletinException.notFound(bulletinId));
    }

    /** The bulletin a review process instance is about (the row its start wrote the instance id into). */
    public long bulletinOf(String processInstanceId) {
        long id = jdbc.sql("select id from bulletin where process_instance_id = ?")
                .param(processInstanceId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> BulletinException.notFound(processInstanceId));
        bulletin(id);
        return id;
    }

    /** The rows of a bulletin in rank order. */
    public List<BulletinRow> rows(long bulletinId) {
        bulletin(bulletinId); // refuses a bulletin the caller may not read (another county's, a draft)
        List<BulletinRow> rows = jdbc.sql(
                        "select b.* from bulletin_row b where b.bulletin_id = ? " + "order by b.rank, b.township_code")
                .params(bulletinId)
                .query(ROW)
                .list();
        Map<String, String> names =
                namesOf(rows.stream().map(BulletinRow::townshipCode).toList());
        return rows.stream()
                .filter(r -> names.containsKey(r.townshipCode()))
                .map(r -> r.withTownshipName(names.get(r.townshipCode())))
                .toList();
    }

    /**
     * The bulletin's 100% target groups: newborns then hardship, each the county first and then its
     * townships by code. Empty for bulletins drafted before the groups were printed.
     */
    public List<GroupCoverage> groupRows(long bulletinId) {
        bulletin(bulletinId); // refuses a bulletin the caller may not read (another county's, a draft)
        Optional<Long> campaignId = jdbc.sql("select campaign_id from bulletin where id = ?")
                .params(bulletinId)
                .query(Long.class)
                .optional();
        if (campaignId.isEmpty()) {
            return List.of();
        }
        // the bulletin is readable (checked above); its campaign's county and year, whoever reads it
        Campaign c = SystemAccess.call(() -> campaigns.get(campaignId.get()));
        List<GroupCoverage> rows = jdbc.sql("select g.* from bulletin_group_row g where g.bulletin_id = ? "
                        + "order by g.grp = 'HARDSHIP', g.region_code <> ?, g.region_code")
                .params(bulletinId, c.countyCode())
                .query((rs, n) -> new GroupCoverage(
                        rs.getString("region_code"),
                        null,
                        PersonGroup.valueOf(rs.getString("grp")),
                        c.year(),
                        rs.getInt("registered"),
                        rs.getInt("enrolled")))
                .list();
        Map<String, String> names =
                namesOf(rows.stream().map(GroupCoverage::regionCode).toList());
        return rows.stream()
                .filter(g -> names.containsKey(g.regionCode()))
                .map(g -> new GroupCoverage(
                        g.regionCode(), names.get(g.regionCode()), g.group(), g.year(), g.registered(), g.enrolled()))
                .toList();
    }

    /**
     * The names of a bulletin's regions (its county and townships), by the region module: a bulletin is read at
     * every level of its county, and its rows are handed to whoever holds the bulletin, as they always were.
     */
    private Map<String, String> namesOf(List<String> codes) {
        return SystemAccess.call(() -> regions.names(codes));
    }

    /** The published bulletin of the same campaign just before this one, if any. */
    public Optional<Long> previousPublished(long bulletinId) {
        return jdbc.sql(
                        "select p.id from bulletin b join bulletin p on p.campaign_id = b.campaign_id "
                                + "and p.number < b.number and p.status = 'PUBLISHED' where b.id = ? order by p.number desc limit 1")
                .params(bulletinId)
                .query(Long.class)
                .optional();
    }

    /** Records the lagging decision for a township in a bulletin, and the escalation case it opened (if any). */
    @Transactional
    public void markLagging(long bulletinId, String townshipCode, boolean lagging, String reason, Long caseId) {
        jdbc.sql("update bulletin_row set lagging = ?, lagging_reason = ?, escalation_case_id = ? "
                        + "where bulletin_id = ? and township_code = ?")
                .params(lagging, reason, caseId, bulletinId, townshipCode)
                .update();
    }

    /** Drafts are for the county's leaders (who review them) and admins; campaigns.get has checked the region. */
    public boolean mayReadDrafts() {
        if (CurrentUser.isSystem()) {
            return true;
        }
        CanbaoUser user = CurrentUser.require();
        return user.hasRole(Role.COUNTY_LEADER) || user.hasRole(Role.ADMIN);
    }

    private boolean readable(Bulletin b) {
        return b.published() || mayReadDrafts();
    }

    /** The instant a day ends in the county's time zone (the midnight after it). */
    private Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static RowMapper<Bulletin> mapper(Campaign c) {
        return (rs, n) -> new Bulletin(
                rs.getLong("id"),
                c.id(),
                c.name(),
                c.countyCode(),
                c.countyName(),
                rs.getInt("number"),
                rs.getObject("period_end", LocalDate.class),
                BulletinStatus.valueOf(rs.getString("status")),
                rs.getString("remarks"),
                rs.getString("process_instance_id"),
                Timestamps.instant(rs.getTimestamp("created_at")),
                Timestamps.instant(rs.getTimestamp("published_at")),
                rs.getString("published_by"));
    }

    /** Rows without their townships' names, which the region module gives ({@link #rows}). */
    static final RowMapper<BulletinRow> ROW = (rs, n) -> new BulletinRow(
            rs.getLong("bulletin_id"),
            rs.getString("township_code"),
            null,
            rs.getInt("rank"),
            rs.getInt("target"),
            rs.getInt("enrolled"),
            rs.getBigDecimal("completion"),
            rs.getBigDecimal("previous_completion"),
            rs.getBigDecimal("coverage_rate"),
            rs.getBigDecimal("expected_completion"),
            rs.getInt("reports_due"),
            rs.getInt("reports_late"),
            rs.getInt("reports_missing"),
            BulletinBand.valueOf(rs.getString("band")),
            rs.getBoolean("lagging"),
            rs.getString("lagging_reason"),
            (Long) rs.getObject("escalation_case_id"));
}
