package cn.canbao.fasttrack;

import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.IdNumber;
import cn.canbao.register.InsuranceScheme;
import cn.canbao.register.MobileNumber;
import cn.canbao.register.RegisterService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Array;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Starting and ending the fast tracks. Who needs one is chosen set-based (one INSERT … SELECT per
 * import, guarded by the unique index on live tracks, so a person never has two); the engine then starts
 * one process per new row. The enrollment year of a person is that of the campaign of their county that
 * is not closed, else the calendar year.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class FastTrackService {

    private static final Logger log = LoggerFactory.getLogger(FastTrackService.class);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 出生医学证明编号: a letter and nine digits on today's forms; older ones differ, so letters and digits, 6–20. */
    private static final Pattern CERTIFICATE = Pattern.compile("[A-Z0-9]{6,20}");

    /** The enrollment year of person p: the county's campaign that is not closed, else the parameter. */
    private static final String YEAR_OF_P = "coalesce((select max(c.year) from campaign c "
            + "where c.county_code = left(p.household_region, 6) || '000000' and c.phase <> 'CLOSED'), ?)";

    private final JdbcTemplate jdbc;
    private final FastTrackProcesses processes;
    private final RegisterService register;
    private final RegionService regions;

    FastTrackService(JdbcTemplate jdbc, FastTrackProcesses processes, RegisterService register, RegionService regions) {
        this.jdbc = jdbc;
        this.processes = processes;
        this.register = register;
        this.regions = regions;
    }

    /**
     * After a police import: every newborn the import added or changed who is active, still a newborn in
     * the enrollment year and not enrolled for it gets a task for the grid worker of their grid (without a
     * grid, the village cadre of their residence, else the county clerk). Returns how many started.
     */
    @Transactional
    public int startNewbornTracks(long importId) {
        List<NewTrack> added = jdbc.query("with candidates as (select p.id_number, p.name, p.grid_code, "
                + "p.residence_region, p.household_region, g.since, g.until, " + YEAR_OF_P + " yr "
                + "from person_group g join person p using (id_number) where g.grp = 'NEWBORN' and g.import_id = ? "
                + "and p.status = 'ACTIVE' and p.household_region is not null), "
                + "inserted as (insert into fast_track (kind, id_number, year, candidate_group, region_code, "
                + "started_import) select 'NEWBORN', c.id_number, c.yr, case when c.grid_code is not null "
                + "then ? || c.grid_code when c.residence_region is not null then ? || c.residence_region "
                + "else ? || left(c.household_region, 6) || '000000' end, "
                + "coalesce(c.grid_code, c.residence_region, c.household_region), ? from candidates c "
                + "where c.since <= make_date(c.yr, 12, 31) and (c.until is null or c.until >= make_date(c.yr, 1, 1)) "
                + "and not exists (select 1 from enrollment e where e.id_number = c.id_number and e.year = c.yr) "
                + "order by c.id_number on conflict (kind, id_number) where ended_at is null do nothing returning *) "
                + NEW_TRACKS, NEW_TRACK, calendarYear(), importId, Role.GRID_WORKER.groupAt(""),
                Role.VILLAGE_CADRE.groupAt(""), Role.CLERK.groupAt(""), importId);
        return start(FastTrackKind.NEWBORN, added, importId);
    }

    /**
     * After a hardship import: every current member of a hardship group in the import's scope (the
     * predicate outreach uses: membership without end or ending today or later) whose file is active and
     * who is not enrolled for the enrollment year gets a task for the clerk of their county. The whole
     * list is compared, not only its changed rows: an unchanged list of a new year still starts them.
     */
    @Transactional
    public int startHardshipTracks(long importId) {
        String scope = jdbc.queryForObject("select scope_code from import_run where id = ?", String.class, importId);
        String prefix = RegionLevel.ofCode(scope).map(l -> l.prefixOf(scope)).orElse(scope) + "%";
        List<NewTrack> added = jdbc.query("with members as (select distinct g.id_number from person_group g "
                + "where g.grp = 'HARDSHIP' and (g.until is null or g.until >= current_date)), "
                + "candidates as (select p.id_number, p.household_region, " + YEAR_OF_P + " yr from members m "
                + "join person p using (id_number) where p.status = 'ACTIVE' and p.household_region is not null "
                + "and (p.household_region like ? or p.residence_region like ?)), "
                + "inserted as (insert into fast_track (kind, id_number, year, candidate_group, region_code, "
                + "started_import) select 'HARDSHIP', c.id_number, c.yr, ? || left(c.household_region, 6) || '000000', "
                + "c.household_region, ? from candidates c where not exists (select 1 from enrollment e "
                + "where e.id_number = c.id_number and e.year = c.yr) order by c.id_number "
                + "on conflict (kind, id_number) where ended_at is null do nothing returning *) " + NEW_TRACKS,
                NEW_TRACK, calendarYear(), prefix, prefix, Role.CLERK.groupAt(""), importId);
        return start(FastTrackKind.HARDSHIP, added, importId);
    }

    private int start(FastTrackKind kind, List<NewTrack> added, long importId) {
        List<Object[]> instances = processes.start(kind, added);
        jdbc.batchUpdate("update fast_track set process_instance_id = ? where id = ?", instances);
        if (!added.isEmpty()) {
            log.info("Import {}: {} {} fast tracks started", importId, added.size(), kind);
        }
        return added.size();
    }

    /**
     * After any import that may enroll (insurance status, tax payments): the live tracks whose person now
     * has an enrollment of the track's year end, and their processes hear of it. Returns how many ended.
     */
    @Transactional
    public int endEnrolledTracks() {
        List<Object[]> ended = jdbc.query("update fast_track t set ended_at = now(), ended_by = 'IMPORT' "
                + "where t.ended_at is null and exists (select 1 from enrollment e where e.id_number = t.id_number "
                + "and e.year = t.year) returning t.kind, t.process_instance_id",
                (rs, n) -> new Object[]{FastTrackKind.valueOf(rs.getString(1)), rs.getString(2)});
        for (Object[] track : ended) {
            processes.enrolled((FastTrackKind) track[0], (String) track[1]);
        }
        return ended.size();
    }

    /**
     * The grid worker enrolled the newborn with the birth certificate: the enrollment goes into the register
     * (by the current user) and the track ends. Refused with a reason the form shows.
     */
    @Transactional
    public void recordNewbornEnrolment(long trackId, String birthCertificate, String scheme, String enrolledOn) {
        Live track = live(trackId, FastTrackKind.NEWBORN);
        // the grid worker of the mother's grid, else the village cadre, else the county clerk (the candidates)
        CurrentUser.requireActing(track.regionCode, Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.CLERK);
        String certificate = birthCertificate == null ? "" : birthCertificate.strip().toUpperCase(Locale.ROOT);
        if (!CERTIFICATE.matcher(certificate).matches()) {
            throw new FastTrackException("fastTrack.badCertificate");
        }
        InsuranceScheme chosen = Arrays.stream(InsuranceScheme.values()).filter(s -> s.name().equals(scheme))
                .findFirst().orElseThrow(() -> new FastTrackException("fastTrack.schemeRequired"));
        LocalDate day = day(enrolledOn, track);
        end(trackId, certificate);
        register.recordEnrollment(track.idNumber, track.year, chosen, day, null, false, CurrentUser.name());
    }

    /** The county clerk enrolled the hardship member by subsidy: amount 0, subsidised, resident scheme. */
    @Transactional
    public void recordHardshipEnrolment(long trackId, String enrolledOn) {
        Live track = live(trackId, FastTrackKind.HARDSHIP);
        CurrentUser.requireActing(track.regionCode, Role.CLERK);
        LocalDate day = day(enrolledOn, track);
        end(trackId, null);
        register.recordEnrollment(track.idNumber, track.year, InsuranceScheme.RESIDENT, day, BigDecimal.ZERO, true,
                CurrentUser.name());
    }

    /** The track for its task form; the person's region must be in the caller's scope. */
    public FastTrack track(long trackId) {
        List<FastTrack> found = jdbc.query("select t.id, t.kind, t.year, t.id_number, t.region_code, t.ended_at, "
                + "p.name, p.birth_date, p.address, p.mobile, r.name region_name, m.id_number mother_id, "
                + "m.name mother_name, m.mobile mother_mobile, (select array_agg(g.detail order by g.detail) "
                + "from person_group g where g.id_number = t.id_number and g.grp = 'HARDSHIP' "
                + "and (g.until is null or g.until >= current_date)) categories from fast_track t "
                + "join person p using (id_number) left join region r on r.code = t.region_code "
                + "left join person m on m.id_number = p.mother_id_number where t.id = ?", (rs, n) -> {
                    regions.get(rs.getString("region_code"));
                    Array categories = rs.getArray("categories");
                    return new FastTrack(rs.getLong("id"), FastTrackKind.valueOf(rs.getString("kind")),
                            rs.getInt("year"), IdNumber.mask(rs.getString("id_number")), rs.getString("name"),
                            rs.getObject("birth_date", LocalDate.class), rs.getString("region_name"),
                            rs.getString("address"), MobileNumber.mask(rs.getString("mobile")),
                            rs.getString("mother_name"), IdNumber.mask(rs.getString("mother_id")),
                            MobileNumber.mask(rs.getString("mother_mobile")),
                            categories == null ? List.of() : List.of((String[]) categories.getArray()),
                            rs.getTimestamp("ended_at") != null);
                }, trackId);
        return found.stream().findFirst().orElseThrow(() -> new FastTrackException("fastTrack.notFound", trackId));
    }

    private Live live(long trackId, FastTrackKind kind) {
        return jdbc.query("select t.id_number, t.year, p.birth_date, t.region_code from fast_track t "
                        + "join person p using (id_number) where t.id = ? and t.kind = ? and t.ended_at is null "
                        + "for update of t",
                (rs, n) -> new Live(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class), rs.getString(4)),
                trackId,
                kind.name()).stream().findFirst().orElseThrow(() -> new FastTrackException("fastTrack.ended"));
    }

    private void end(long trackId, String certificate) {
        jdbc.update("update fast_track set ended_at = now(), ended_by = 'TASK', ended_user = ?, birth_certificate = ? "
                + "where id = ?", CurrentUser.name(), certificate, trackId);
    }

    /** The day of enrolment: given, not after today (engine clock), not before the person was born. */
    private static LocalDate day(String iso, Live track) {
        LocalDate day;
        try {
            day = LocalDate.parse(iso == null ? "" : iso.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new FastTrackException("fastTrack.dateRequired");
        }
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE);
        if (day.isAfter(today) || day.isBefore(track.birthDate)) {
            throw new FastTrackException("fastTrack.badDate", track.birthDate, today);
        }
        return day;
    }

    private static int calendarYear() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE).getYear();
    }

    private record Live(String idNumber, int year, LocalDate birthDate, String regionCode) {
    }

    /** A track just inserted, with what its process shows. */
    record NewTrack(long id, String candidateGroup, String personName, String regionName) {
    }

    private static final String NEW_TRACKS = "select i.id, i.candidate_group, p.name, coalesce(r.name, i.region_code) "
            + "from inserted i join person p using (id_number) left join region r on r.code = i.region_code order by i.id";

    private static final org.springframework.jdbc.core.RowMapper<NewTrack> NEW_TRACK = (rs, n) ->
            new NewTrack(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
}
