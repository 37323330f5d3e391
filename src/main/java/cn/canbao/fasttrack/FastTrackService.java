package cn.canbao.fasttrack;

import cn.canbao.campaign.CampaignService;
import cn.canbao.fasttrack.process.FastTrackProcesses;
import cn.canbao.policy.PolicyService;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.RegisterCandidates.GroupMember;
import cn.canbao.register.RegisterCandidates.Resident;
import cn.canbao.register.RegisterService;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.InsuranceScheme;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting and ending the fast tracks. Who needs one comes from the register in one call per import (the
 * import's newborns, the hardship members of its scope); the new tracks go in with one insert, guarded by the
 * unique index on live tracks, so a person never has two; the engine then starts one process per new row. The
 * enrollment year of a person is that of the campaign of their county that is not closed, else the calendar
 * year. Starting and ending after an import are the system's work, whoever's import it was.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class FastTrackService {

    private static final Logger log = LoggerFactory.getLogger(FastTrackService.class);
    /** 出生医学证明编号: a letter and nine digits on today's forms; older ones differ, so letters and digits, 6–20. */
    private static final Pattern CERTIFICATE = Pattern.compile("[A-Z0-9]{6,20}");

    private final JdbcTemplate jdbc;
    private final FastTrackProcesses processes;
    private final RegisterService register;
    private final RegisterCandidates candidates;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final CurrentRegionScope scope;
    private final PolicyService policy;
    private final Clock clock;

    FastTrackService(
            JdbcTemplate jdbc,
            FastTrackProcesses processes,
            RegisterService register,
            RegisterCandidates candidates,
            CampaignService campaigns,
            RegionService regions,
            CurrentRegionScope scope,
            PolicyService policy,
            Clock clock) {
        this.clock = clock;
        this.policy = policy;
        this.jdbc = jdbc;
        this.processes = processes;
        this.register = register;
        this.candidates = candidates;
        this.campaigns = campaigns;
        this.regions = regions;
        this.scope = scope;
    }

    /**
     * After a police import: every newborn the import added or changed who is active, still a newborn in
     * the enrollment year and not enrolled for it gets a task for the grid worker of their grid (without a
     * grid, the village cadre of their residence, else the county clerk). Returns how many started.
     */
    @Transactional
    int startNewbornTracks(long importId) {
        return SystemAccess.call(() -> {
            adoptRegisteredCertificates();
            List<GroupMember> newborns = candidates.newbornsOfImport(importId);
            Map<String, Integer> years = yearsOf(newborns);
            Map<Integer, Set<String>> enrolled = enrolled(years);
            List<TrackRow> rows = new ArrayList<>();
            for (GroupMember n : newborns) {
                int year = years.get(n.idNumber());
                boolean newbornInYear = n.since() != null
                        && !n.since().isAfter(LocalDate.of(year, 12, 31))
                        && (n.until() == null || !n.until().isBefore(LocalDate.of(year, 1, 1)));
                if (newbornInYear && !enrolled.get(year).contains(n.idNumber())) {
                    String group = n.gridCode() != null
                            ? Role.GRID_WORKER.groupAt(n.gridCode())
                            : n.residenceRegion() != null
                                    ? Role.VILLAGE_CADRE.groupAt(n.residenceRegion())
                                    : Role.CLERK.groupAt(countyOf(n.householdRegion()));
                    String region = n.gridCode() != null
                            ? n.gridCode()
                            : n.residenceRegion() != null ? n.residenceRegion() : n.householdRegion();
                    rows.add(new TrackRow(n.idNumber(), n.name(), year, group, region));
                }
            }
            return start(FastTrackKind.NEWBORN, insert(FastTrackKind.NEWBORN, rows, importId), importId);
        });
    }

    /**
     * After a hardship import: every current member of a hardship group in the import's scope (the
     * predicate outreach uses: membership without end or ending today or later) whose file is active, whose
     * whole contribution the rule set's subsidy pays, and who is not enrolled for the enrollment year gets a task
     * for the clerk of their county. The whole
     * list is compared, not only its changed rows: an unchanged list of a new year still starts them.
     */
    @Transactional
    int startHardshipTracks(long importId) {
        return SystemAccess.call(() -> {
            // 分类资助: only those whose whole contribution the subsidy pays are the clerk's; the others owe a share
            // and outreach reminds them of it
            List<GroupMember> all = candidates.hardshipMembersInScopeOf(importId);
            Set<String> funded =
                    policy.fullyFunded(all.stream().map(GroupMember::idNumber).toList(), LocalDate.now(clock));
            List<GroupMember> members =
                    all.stream().filter(m -> funded.contains(m.idNumber())).toList();
            Map<String, Integer> years = yearsOf(members);
            Map<Integer, Set<String>> enrolled = enrolled(years);
            List<TrackRow> rows = new ArrayList<>();
            for (GroupMember m : members) {
                int year = years.get(m.idNumber());
                if (!enrolled.get(year).contains(m.idNumber())) {
                    rows.add(new TrackRow(
                            m.idNumber(),
                            m.name(),
                            year,
                            Role.CLERK.groupAt(countyOf(m.householdRegion())),
                            m.householdRegion()));
                }
            }
            return start(FastTrackKind.HARDSHIP, insert(FastTrackKind.HARDSHIP, rows, importId), importId);
        });
    }

    /**
     * After a birth-certificate import (卫健出生医学证明): every newborn the import brought who has no household
     * registration yet and is still a newborn in the enrollment year gets the same task as a police birth, before there
     * is an ID number: "完善新生儿凭出生医学证明参保等服务，促进监护人为新生儿在出生当年参保"
     * (seeds/heilongjiang-long-term-enrollment-mechanism.txt, (八)). The grid worker of the grid the child lives in
     * (the mother's, when the certificate names none), else the village cadre, else the county clerk. Returns how
     * many started.
     */
    @Transactional
    int startCertificateTracks(long importId) {
        return SystemAccess.call(() -> {
            List<RegisterCandidates.CertificateNewborn> newborns = candidates.certificateNewbornsOfImport(importId);
            Map<String, Integer> byCounty = campaigns.enrollmentYears(newborns.stream()
                    .map(RegisterCandidates.CertificateNewborn::countyCode)
                    .collect(Collectors.toSet()));
            List<TrackRow> rows = new ArrayList<>();
            for (RegisterCandidates.CertificateNewborn n : newborns) {
                int year = byCounty.getOrDefault(n.countyCode(), calendarYear());
                // a newborn from the birth date to the end of the following year, as a police birth
                if (!n.birthDate().isAfter(LocalDate.of(year, 12, 31))
                        && n.birthDate().getYear() + 1 >= year) {
                    String group = n.gridCode() != null
                            ? Role.GRID_WORKER.groupAt(n.gridCode())
                            : n.residenceRegion() != null
                                    ? Role.VILLAGE_CADRE.groupAt(n.residenceRegion())
                                    : Role.CLERK.groupAt(n.countyCode());
                    String region = n.gridCode() != null
                            ? n.gridCode()
                            : n.residenceRegion() != null ? n.residenceRegion() : n.countyCode();
                    rows.add(new TrackRow(null, n.certificateNo(), n.name(), year, group, region));
                }
            }
            return start(FastTrackKind.NEWBORN, insert(FastTrackKind.NEWBORN, rows, importId), importId);
        });
    }

    /**
     * Live tracks started from a certificate whose child the police have registered since: the track becomes the
     * file's (its ID number set), so the police birth starts no second track for the same child.
     */
    private void adoptRegisteredCertificates() {
        List<String> open = jdbc.queryForList(
                "select certificate_no from fast_track where kind = 'NEWBORN' "
                        + "and ended_at is null and id_number is null and certificate_no is not null",
                String.class);
        if (open.isEmpty()) {
            return;
        }
        List<Object[]> adopted = candidates.certificates(open).values().stream()
                .filter(c -> c.idNumber() != null)
                .map(c -> new Object[] {c.idNumber(), c.certificateNo()})
                .toList();
        jdbc.batchUpdate(
                "update fast_track set id_number = ? where kind = 'NEWBORN' and certificate_no = ? "
                        + "and ended_at is null and id_number is null",
                adopted);
    }

    /** A track to insert: whose (ID number, else birth certificate), which year, whose task, the region it is shown under. */
    private record TrackRow(
            String idNumber, String certificateNo, String name, int year, String candidateGroup, String regionCode) {
        TrackRow(String idNumber, String name, int year, String candidateGroup, String regionCode) {
            this(idNumber, null, name, year, candidateGroup, regionCode);
        }

        String key() {
            return idNumber != null ? idNumber : certificateNo;
        }
    }

    /** The county of a region code: its first six digits. */
    private static String countyOf(String regionCode) {
        return RegionLevel.COUNTY.prefixOf(regionCode) + "000000";
    }

    /** The enrollment year of each person: their household county's campaign that is not closed, else this year. */
    private Map<String, Integer> yearsOf(List<GroupMember> persons) {
        Map<String, Integer> byCounty = campaigns.enrollmentYears(
                persons.stream().map(p -> countyOf(p.householdRegion())).collect(Collectors.toSet()));
        int calendarYear = calendarYear();
        Map<String, Integer> years = new HashMap<>();
        persons.forEach(
                p -> years.put(p.idNumber(), byCounty.getOrDefault(countyOf(p.householdRegion()), calendarYear)));
        return years;
    }

    /** For each year among these, who of the persons of that year is enrolled for it (one register call per year). */
    private Map<Integer, Set<String>> enrolled(Map<String, Integer> yearOfPerson) {
        Map<Integer, List<String>> byYear = new HashMap<>();
        yearOfPerson.forEach((id, year) ->
                byYear.computeIfAbsent(year, y -> new ArrayList<>()).add(id));
        Map<Integer, Set<String>> enrolled = new HashMap<>();
        byYear.forEach((year, ids) -> enrolled.put(year, candidates.enrolledFor(year, ids)));
        return enrolled;
    }

    /**
     * One insert for all the rows, in ID-number order; a person with a live track of the kind is skipped by the
     * unique index. Returns the tracks inserted, with what their processes show.
     */
    private List<NewTrack> insert(FastTrackKind kind, List<TrackRow> rows, long importId) {
        if (rows.isEmpty()) {
            return List.of();
        }
        record Inserted(long id, String key, String candidateGroup, String regionCode) {}
        // a live track of the person (or of the certificate) is kept: the partial unique indexes skip the row
        List<Inserted> inserted = jdbc.query(
                "with inserted as (insert into fast_track (kind, id_number, certificate_no, "
                        + "year, candidate_group, region_code, started_import) select ?, t.id_number, t.certificate_no, "
                        + "t.year, t.grp, t.region, ? from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[]) "
                        + "as t(id_number, certificate_no, year, grp, region) order by t.id_number, t.certificate_no "
                        + "on conflict do nothing returning id, coalesce(id_number, certificate_no), candidate_group, "
                        + "region_code) select * from inserted order by id",
                (rs, n) -> new Inserted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                kind.name(),
                importId,
                rows.stream().map(TrackRow::idNumber).toArray(String[]::new),
                rows.stream().map(TrackRow::certificateNo).toArray(String[]::new),
                rows.stream().map(TrackRow::year).toArray(Integer[]::new),
                rows.stream().map(TrackRow::candidateGroup).toArray(String[]::new),
                rows.stream().map(TrackRow::regionCode).toArray(String[]::new));
        Map<String, String> names = new HashMap<>();
        rows.forEach(r -> names.putIfAbsent(r.key(), r.name()));
        Map<String, String> regionNames =
                regions.names(inserted.stream().map(Inserted::regionCode).toList());
        return inserted.stream()
                .map(i -> new NewTrack(
                        i.id(),
                        i.candidateGroup(),
                        names.get(i.key()),
                        regionNames.getOrDefault(i.regionCode(), i.regionCode())))
                .toList();
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
    int endEnrolledTracks() {
        return SystemAccess.call(() -> {
            List<LiveTrack> live = jdbc.query(
                    "select id, id_number, year from fast_track where ended_at is null",
                    (rs, n) -> new LiveTrack(rs.getLong(1), rs.getString(2), rs.getInt(3)));
            Map<Integer, List<String>> byYear = new HashMap<>();
            live.forEach(t ->
                    byYear.computeIfAbsent(t.year(), y -> new ArrayList<>()).add(t.idNumber()));
            Map<Integer, Set<String>> enrolled = new HashMap<>();
            byYear.forEach((year, ids) -> enrolled.put(year, candidates.enrolledFor(year, ids)));
            Long[] done = live.stream()
                    .filter(t -> enrolled.get(t.year()).contains(t.idNumber()))
                    .map(LiveTrack::id)
                    .toArray(Long[]::new);
            if (done.length == 0) {
                return 0;
            }
            List<Object[]> ended = jdbc.query(
                    "update fast_track t set ended_at = now(), ended_by = 'IMPORT' "
                            + "where t.id = any(?) and t.ended_at is null returning t.kind, t.process_instance_id",
                    (rs, n) -> new Object[] {FastTrackKind.valueOf(rs.getString(1)), rs.getString(2)},
                    (Object) done);
            for (Object[] track : ended) {
                processes.enrolled((FastTrackKind) track[0], (String) track[1]);
            }
            return ended.size();
        });
    }

    private record LiveTrack(long id, String idNumber, int year) {}

    /**
     * Which of these persons are in a live (not ended) fast track of either kind: outreach leaves them to it.
     * A user learns it of the tracks of their subtree only.
     * <p>
     * The live tracks of the subtree are read and the persons looked up among them here: a few thousand tracks
     * against an outreach start's 34,000 residents. Asked of the database as {@code id_number = any(…34,000…)}, a
     * planner without statistics of the table (a new one, or autovacuum not yet come by) tested the array against
     * every live track through the (kind, id_number) index: 8.4 s of the province bench's 10th outreach start, growing
     * with every county (docs/scale.md).
     */
    public Set<String> inLiveTrack(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Set.of();
        }
        String prefix = scope.get().codePrefix();
        Set<String> live = new HashSet<>(jdbc.queryForList(
                "select t.id_number from fast_track t where t.ended_at is null and t.id_number is not null "
                        + "and (? = '' or t.region_code like ? || '%')",
                String.class, prefix, prefix));
        Set<String> tracked = new HashSet<>(idNumbers);
        tracked.retainAll(live);
        return tracked;
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
        String certificate =
                birthCertificate == null ? "" : birthCertificate.strip().toUpperCase(Locale.ROOT);
        if (!CERTIFICATE.matcher(certificate).matches()) {
            throw new FastTrackException("fastTrack.badCertificate");
        }
        InsuranceScheme chosen = Arrays.stream(InsuranceScheme.values())
                .filter(s -> s.name().equals(scheme))
                .findFirst()
                .orElseThrow(() -> new FastTrackException("fastTrack.schemeRequired"));
        LocalDate day = day(enrolledOn, track);
        if (track.idNumber == null) {
            // started from the certificate, no ID number yet: the certificate shown must be the one enrolled
            if (!certificate.equals(track.certificateNo)) {
                throw new FastTrackException("fastTrack.certificateMismatch", track.certificateNo);
            }
            end(trackId, certificate);
            register.recordCertificateEnrollment(certificate, track.year, chosen, day, CurrentUser.name());
            return;
        }
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
        register.recordEnrollment(
                track.idNumber, track.year, InsuranceScheme.RESIDENT, day, BigDecimal.ZERO, true, CurrentUser.name());
    }

    /** The track for its task form; the person's region must be in the caller's scope. */
    public FastTrack track(long trackId) {
        record Row(
                long id,
                FastTrackKind kind,
                int year,
                String idNumber,
                String regionCode,
                boolean ended,
                String certificateNo) {}
        Row t = jdbc
                .query(
                        "select id, kind, year, id_number, region_code, ended_at is not null, certificate_no "
                                + "from fast_track where id = ?",
                        (rs, n) -> new Row(
                                rs.getLong(1),
                                FastTrackKind.valueOf(rs.getString(2)),
                                rs.getInt(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getBoolean(6),
                                rs.getString(7)),
                        trackId)
                .stream()
                .findFirst()
                .orElseThrow(() -> new FastTrackException("fastTrack.notFound", trackId));
        Region region = regions.get(t.regionCode());
        if (t.idNumber() == null) {
            // before the household registration: the certificate is the child's file
            var c = candidates.certificates(List.of(t.certificateNo())).get(t.certificateNo());
            if (c == null) {
                throw new FastTrackException("fastTrack.notFound", trackId);
            }
            Resident m = candidates.motherOfCertificate(t.certificateNo()).orElse(null);
            return new FastTrack(
                    t.id(),
                    t.kind(),
                    t.year(),
                    null,
                    c.name(),
                    c.birthDate(),
                    region.name(),
                    null,
                    null,
                    m == null ? null : m.name(),
                    IdNumber.mask(c.motherIdNumber()),
                    m == null ? null : MobileNumber.mask(m.mobile()),
                    List.of(),
                    t.ended());
        }
        Resident p = candidates.residents(List.of(t.idNumber())).get(t.idNumber());
        if (p == null) {
            throw new FastTrackException("fastTrack.notFound", trackId);
        }
        Resident mother = candidates.motherOf(t.idNumber()).orElse(null);
        return new FastTrack(
                t.id(),
                t.kind(),
                t.year(),
                IdNumber.mask(t.idNumber()),
                p.name(),
                p.birthDate(),
                region.name(),
                p.address(),
                MobileNumber.mask(p.mobile()),
                mother == null ? null : mother.name(),
                mother == null ? null : IdNumber.mask(mother.idNumber()),
                mother == null ? null : MobileNumber.mask(mother.mobile()),
                candidates.hardshipCategories(t.idNumber()),
                t.ended());
    }

    /** The live track of the kind, locked for its ending; ended or unknown tracks are refused. */
    private Live live(long trackId, FastTrackKind kind) {
        return jdbc
                .query(
                        "select id_number, year, region_code, certificate_no from fast_track where id = ? and kind = ? "
                                + "and ended_at is null for update",
                        (rs, n) -> new Live(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)),
                        trackId,
                        kind.name())
                .stream()
                .findFirst()
                .orElseThrow(() -> new FastTrackException("fastTrack.ended"));
    }

    private void end(long trackId, String certificate) {
        jdbc.update(
                "update fast_track set ended_at = now(), ended_by = 'TASK', ended_user = ?, birth_certificate = ? "
                        + "where id = ?",
                CurrentUser.name(),
                certificate,
                trackId);
    }

    /**
     * The day of enrolment: given, not after today (engine clock), not before the person was born. Read after the
     * caller was checked: the birth date comes from the register, as the caller sees it.
     */
    private LocalDate day(String iso, Live track) {
        LocalDate day;
        try {
            day = LocalDate.parse(iso == null ? "" : iso.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new FastTrackException("fastTrack.dateRequired");
        }
        LocalDate born = (track.idNumber == null
                        ? java.util.Optional.ofNullable(candidates
                                        .certificates(List.of(track.certificateNo))
                                        .get(track.certificateNo))
                                .map(RegisterCandidates.CertificateNewborn::birthDate)
                        : java.util.Optional.ofNullable(candidates
                                        .residents(List.of(track.idNumber))
                                        .get(track.idNumber))
                                .map(Resident::birthDate))
                .orElseThrow(() -> new FastTrackException("fastTrack.ended"));
        LocalDate today = LocalDate.now(clock);
        if (day.isAfter(today) || day.isBefore(born)) {
            throw new FastTrackException("fastTrack.badDate", born, today);
        }
        return day;
    }

    private int calendarYear() {
        return LocalDate.now(clock).getYear();
    }

    private record Live(String idNumber, int year, String regionCode, String certificateNo) {}

    /** A track just inserted, with what its process shows. */
    public record NewTrack(long id, String candidateGroup, String personName, String regionName) {}
}
