package cn.canbao.publicity;

import cn.canbao.base.Texts;
import cn.canbao.campaign.CampaignService;
import cn.canbao.publicity.process.PublicityProcess;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionSummary;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publicity drives (九月集中宣传): a county starts one (its process gives every township a confirmation
 * task due at the end), people log activities for their township or village, and the counts roll up by
 * region prefix. Visible to everyone in the county; logging is scoped to the caller's subtree.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class PublicityService {

    private final JdbcClient jdbc;
    private final RegionService regions;
    private final CurrentRegionScope scope;
    private final RuntimeService runtime;
    private final Clock clock;

    PublicityService(
            JdbcClient jdbc, RegionService regions, CurrentRegionScope scope, RuntimeService runtime, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
        this.runtime = runtime;
    }

    /** Starts a drive of the county: its process gives each township leader a confirmation task due at the end. */
    @Transactional
    public PublicityDrive start(String name, int year, String countyCode, LocalDate startsOn, LocalDate endsOn) {
        if (name == null || name.isBlank() || name.trim().length() > 100) {
            throw new PublicityException("publicity.nameRequired");
        }
        if (startsOn == null || endsOn == null || endsOn.isBefore(startsOn)) {
            throw new PublicityException("publicity.badPeriod");
        }
        Region county = regions.get(countyCode);
        if (county.level() != RegionLevel.COUNTY) {
            throw new PublicityException("publicity.notCounty", county.name());
        }
        long id = jdbc.sql("insert into publicity_drive (name, year, county_code, starts_on, ends_on, created_by) "
                        + "values (?,?,?,?,?,?) returning id")
                .params(name.trim(), year, county.code(), startsOn, endsOn, CurrentUser.name())
                .query(Long.class)
                .single();
        Map<String, Object> variables = new HashMap<>();
        variables.put(PublicityProcess.VAR_DRIVE_ID, id);
        variables.put(PublicityProcess.VAR_CAMPAIGN_NAME, name.trim());
        variables.put(
                PublicityProcess.VAR_TOWNSHIPS,
                regions.descendantsAtLevel(county.code(), RegionLevel.TOWNSHIP).stream()
                        .map(Region::code)
                        .toList());
        variables.put(PublicityProcess.VAR_CONFIRM_DUE, CampaignService.endOf(endsOn, clock.getZone()));
        String instance = runtime.startProcessInstanceByKey(PublicityProcess.KEY, Long.toString(id), variables)
                .getId();
        jdbc.sql("update publicity_drive set process_instance_id = ? where id = ?")
                .params(instance, id)
                .update();
        return get(id);
    }

    /** Logs one activity for a township or village in the caller's region, dated within the drive. */
    @Transactional
    public long log(long driveId, NewActivity a) {
        PublicityDrive drive = get(driveId);
        Region region = regions.get(a.regionCode());
        if ((region.level() != RegionLevel.TOWNSHIP && region.level() != RegionLevel.VILLAGE)
                || !region.code().startsWith(drive.countyCode().substring(0, 6))) {
            throw new PublicityException("publicity.wrongRegion", region.name());
        }
        if (a.kind() == null
                || a.heldOn() == null
                || a.heldOn().isBefore(drive.startsOn())
                || a.heldOn().isAfter(drive.endsOn())) {
            throw new PublicityException("publicity.outsidePeriod", drive.startsOn(), drive.endsOn());
        }
        if (a.events() < 0
                || a.audience() < 0
                || a.letters() < 0
                || a.notices() < 0
                || a.volunteers() < 0
                || a.events() + a.audience() + a.letters() + a.notices() == 0) {
            throw new PublicityException("publicity.badCounts");
        }
        return jdbc.sql(
                        "insert into publicity_activity (drive_id, region_code, kind, held_on, events, audience, letters, "
                                + "notices, volunteers, note, logged_by) values (?,?,?,?,?,?,?,?,?,?,?) returning id")
                .params(
                        driveId,
                        region.code(),
                        a.kind().name(),
                        a.heldOn(),
                        a.events(),
                        a.audience(),
                        a.letters(),
                        a.notices(),
                        a.volunteers(),
                        Texts.trimToNull(a.note()),
                        CurrentUser.name())
                .query(Long.class)
                .single();
    }

    /** The region's own total first, then each child's (townships of a county, villages of a township). */
    public List<PublicityTally> tally(long driveId, String regionCode) {
        get(driveId);
        Region region = regions.get(regionCode);
        String prefix = region.level().prefixOf(region.code());
        PublicityTally own = jdbc.sql(SUMS + " from publicity_activity a where a.drive_id = ? and a.region_code like ?")
                .params(region.code(), region.name(), driveId, region.code(), driveId, prefix + "%")
                .query(TALLY)
                .single();
        // the live townships or villages below, each counted over its subtree's activities in one statement
        List<Region> below = regions.children(region.code()).stream()
                .map(RegionSummary::region)
                .filter(r -> r.level() == RegionLevel.TOWNSHIP || r.level() == RegionLevel.VILLAGE)
                .toList();
        List<PublicityTally> children = jdbc.sql("select r.code, r.name, count(a.id), coalesce(sum(a.events), 0), "
                        + "coalesce(sum(a.audience), 0), coalesce(sum(a.letters), 0), coalesce(sum(a.notices), 0), "
                        + "coalesce(sum(a.volunteers), 0), exists (select 1 from publicity_confirmation c where c.drive_id = ? "
                        + "and c.township_code = r.code) from unnest(?::varchar[], ?::varchar[], ?::varchar[]) r(code, name, prefix) "
                        + "left join publicity_activity a on a.drive_id = ? and a.region_code like r.prefix || '%' "
                        + "group by r.code, r.name order by r.code")
                .params(
                        driveId,
                        below.stream().map(Region::code).toArray(String[]::new),
                        below.stream().map(Region::name).toArray(String[]::new),
                        below.stream().map(r -> r.level().prefixOf(r.code())).toArray(String[]::new),
                        driveId)
                .query(TALLY)
                .list();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(own), children.stream())
                .toList();
    }

    /** A region subtree's counts by kind of activity. */
    public Map<PublicityKind, PublicityTally> byKind(long driveId, String regionCode) {
        get(driveId);
        Region region = regions.get(regionCode);
        Map<PublicityKind, PublicityTally> result = new EnumMap<>(PublicityKind.class);
        jdbc.sql(
                        "select kind, kind, count(*), sum(events), sum(audience), sum(letters), sum(notices), sum(volunteers), "
                                + "false from publicity_activity where drive_id = ? and region_code like ? group by kind")
                .params(driveId, region.level().prefixOf(region.code()) + "%")
                .query(TALLY)
                .list()
                .forEach(t -> result.put(PublicityKind.valueOf(t.regionCode()), t));
        return result;
    }

    /** The township leader confirms the township's figures (the drive's end-of-month task). */
    @Transactional
    public void confirm(long driveId, String townshipCode, String remarks) {
        get(driveId);
        regions.get(townshipCode);
        // the township comes from the task's loop variable: whoever confirms must lead that very township
        CurrentUser.requireActing(townshipCode, Role.TOWNSHIP_LEADER);
        jdbc.sql("insert into publicity_confirmation (drive_id, township_code, remarks, confirmed_by) values (?,?,?,?) "
                        + "on conflict (drive_id, township_code) do update set remarks = excluded.remarks, "
                        + "confirmed_by = excluded.confirmed_by, confirmed_at = now()")
                .params(driveId, townshipCode, Texts.trimToNull(remarks), CurrentUser.name())
                .update();
    }

    /** The drive, if it belongs to a county in, above or below the caller's region. */
    public PublicityDrive get(long id) {
        return jdbc.sql("select * from publicity_drive d where d.id = ? and " + VISIBLE)
                .params(id, prefix(), prefix())
                .query(DRIVE)
                .optional()
                .orElseThrow(() -> new PublicityException("publicity.notFound", id));
    }

    public List<PublicityDrive> list() {
        return jdbc.sql("select * from publicity_drive d where " + VISIBLE + " order by d.starts_on desc, d.id desc")
                .params(prefix(), prefix())
                .query(DRIVE)
                .list();
    }

    private String prefix() {
        return scope.get().codePrefix();
    }

    private static final String VISIBLE = "(? like left(d.county_code, 6) || '%' or d.county_code like ? || '%')";
    private static final String SUMS =
            "select ?, ?, count(*), coalesce(sum(a.events), 0), coalesce(sum(a.audience), 0), "
                    + "coalesce(sum(a.letters), 0), coalesce(sum(a.notices), 0), coalesce(sum(a.volunteers), 0), "
                    + "exists (select 1 from publicity_confirmation c where c.drive_id = ? and c.township_code = ?)";

    private static final RowMapper<PublicityTally> TALLY = (rs, n) -> new PublicityTally(
            rs.getString(1),
            rs.getString(2),
            rs.getInt(3),
            rs.getInt(4),
            rs.getInt(5),
            rs.getInt(6),
            rs.getInt(7),
            rs.getInt(8),
            rs.getBoolean(9));
    private static final RowMapper<PublicityDrive> DRIVE = (rs, n) -> new PublicityDrive(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getInt("year"),
            rs.getString("county_code"),
            rs.getObject("starts_on", LocalDate.class),
            rs.getObject("ends_on", LocalDate.class),
            rs.getString("process_instance_id"),
            rs.getString("created_by"));
}
