package cn.canbao.register;

import cn.canbao.base.database.PlannerSettings;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.persistence.RegisterDay;
import cn.canbao.register.person.HouseholdRelation;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register's answers to the set-based questions of other modules (outreach, the fast tracks): who is due,
 * who is enrolled, when an enrollment arrived, the residents behind a list of ID numbers — each one query for
 * the whole set, so callers never name the register's tables. Scoped like every door of the register: the system
 * sees every person, a user only the persons of their subtree (household, residence or grid under it).
 */
@Service
@Transactional(readOnly = true)
// people who work with residents; volunteers do publicity and never see persons
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER')")
public class RegisterCandidates {

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final RegionService regions;
    private final RegisterDay day;

    RegisterCandidates(JdbcTemplate jdbc, CurrentRegionScope scope, RegionService regions, RegisterDay day) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.regions = regions;
        this.day = day;
    }

    /** A person as other modules' lists and steps show them (mask ID and mobile before display). */
    public record Resident(
            String idNumber,
            String name,
            LocalDate birthDate,
            String address,
            String mobile,
            boolean smsOptOut,
            String householdRegion,
            String residenceRegion,
            String gridCode,
            String guardianMobile,
            String householdNumber,
            String householdRelation) {

        /**
         * Where a reminder goes: their own mobile, else — for a pupil or pre-school child on the education rolls —
         * the guardian's phone the school gave ("以学校为单位" mobilisation reaches families through it).
         */
        public String textMobile() {
            return mobile != null ? mobile : guardianMobile;
        }

        /** Whether a text can reach them: a mobile (theirs or a guardian's), and they did not opt out. */
        public boolean canText() {
            return textMobile() != null && !smsOptOut;
        }
    }

    /**
     * An active resident of a county without an enrollment of the year: where they are registered and live, and
     * whether they were enrolled the year before (lapsed) or not (uninsured).
     */
    public record UnenrolledResident(
            String idNumber,
            String householdRegion,
            String residenceRegion,
            String gridCode,
            boolean enrolledYearBefore,
            boolean hardship,
            String householdNumber,
            String householdRelation) {

        /** The household (户) they belong to — household village and 户号 — or null when the extract gave no 户号. */
        public String householdKey() {
            return householdNumber == null || householdRegion == null ? null : householdRegion + "/" + householdNumber;
        }
    }

    /** A member of a person group (newborn, hardship) with what a fast track needs of them. */
    public record GroupMember(
            String idNumber,
            String name,
            String householdRegion,
            String residenceRegion,
            String gridCode,
            LocalDate since,
            LocalDate until) {}

    /** An enrollment arriving in the register for the first time (its change-log row). */
    public record EnrollmentRecorded(long changeId, String idNumber, int year, Instant at) {}

    /**
     * Every active person registered or living in the county (household or residence region under it) who has no
     * enrollment of the year, by ID number, marked when a current hardship member (outreach leaves out those whose
     * whole contribution a subsidy pays: the clerk enrols them): who outreach should reach. The county's own staff
     * (leaders, clerks, admins) or the system.
     * Persons held in custody today (司法数据) are left out; an employee enrollment of the year does not count when
     * the employee insurance stopped more than 3 months ago and has not resumed ("新增“职工中止参保人员”超3月",
     * seeds/yancheng-one-person-one-file-pilot.txt): they are due for resident insurance.
     */
    public List<UnenrolledResident> unenrolledResidents(String countyCode, int year) {
        Region county = regions.get(countyCode);
        CurrentUser.requireActing(county.code(), Role.COUNTY_LEADER, Role.CLERK, Role.ADMIN);
        String like = RegionScope.of(county).codePrefix() + "%";
        LocalDate today = day.today();
        // the county's files by their region indexes and each one's enrollments by key: a scan of the province's files
        // hashed against all its enrollments of the year took 13.4 s at 12 counties, the lookups 4.1 s (docs/scale.md)
        return PlannerSettings.byIndex(
                JdbcClient.create(jdbc),
                () -> jdbc.query(
                        "select p.id_number, p.household_region, p.residence_region, p.grid_code, "
                                + "exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = ? - 1) "
                                + ", exists (select 1 from person_group g where g.id_number = p.id_number "
                                + "and g.grp = 'HARDSHIP' and (g.until is null or g.until >= current_date)), "
                                + "p.household_number, p.household_relation "
                                + "from person p where p.status = 'ACTIVE' and (p.residence_region like ? or p.household_region like ?) "
                                + "and not exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = ? "
                                + "and not (e.scheme = 'EMPLOYEE' and " + RegisterDay.suspendedOn("p", "?::date")
                                + ")) "
                                + "and not " + RegisterDay.heldOn("p", "?::date") + " "
                                + "order by p.id_number",
                        (rs, n) -> new UnenrolledResident(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getBoolean(5),
                                rs.getBoolean(6),
                                rs.getString(7),
                                rs.getString(8)),
                        year,
                        like,
                        like,
                        year,
                        today,
                        today,
                        today,
                        today));
    }

    /** The residents of these ID numbers in the caller's subtree, by ID number (others are absent). */
    public Map<String, Resident> residents(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Map.of();
        }
        Scoped where = scoped("p");
        List<Object> args = new ArrayList<>();
        args.add(ids(idNumbers));
        args.addAll(where.args());
        Map<String, Resident> found = new HashMap<>();
        jdbc.query(
                SELECT_RESIDENT + " where p.id_number = any(?::char(18)[])" + where.sql(),
                rs -> {
                    Resident r = RESIDENT.mapRow(rs, 0);
                    found.put(r.idNumber(), r);
                },
                args.toArray());
        return found;
    }

    /**
     * The heads (户主) of households — each named by its key, household village and 户号 as
     * {@link UnenrolledResident#householdKey()} writes it — as the register shows them to the caller, active, insured
     * or not: a household's contact for reminders. By key; a household without a head on file is absent.
     */
    public Map<String, Resident> householdHeads(Collection<String> householdKeys) {
        List<String> regions = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        householdKeys.stream()
                .filter(k -> k != null && k.indexOf('/') > 0)
                .distinct()
                .forEach(k -> {
                    regions.add(k.substring(0, k.indexOf('/')));
                    numbers.add(k.substring(k.indexOf('/') + 1));
                });
        if (regions.isEmpty()) {
            return Map.of();
        }
        Scoped where = scoped("p");
        Map<String, Resident> heads = new HashMap<>();
        // one lookup in the (household_region, household_number) index per key, by a lateral join: a plain join on
        // unnest scanned the register per reminder, and "= any" on each column alone probed every region × number
        // pair the arrays cross (309 ms for a batch of 500 households at county scale, pg_stat_statements)
        java.util.Set<String> wanted = new HashSet<>(householdKeys);
        jdbc.query(
                "select h.* from unnest(?::varchar[], ?::varchar[]) k(region, number) cross join lateral ("
                        + SELECT_RESIDENT + " where p.household_region = k.region and p.household_number = k.number "
                        + "and p.household_relation in ('" + HouseholdRelation.HEAD + "', '本人') and p.status = 'ACTIVE'"
                        + where.sql() + ") h order by h.id_number",
                rs -> {
                    Resident r = RESIDENT.mapRow(rs, 0);
                    String key = r.householdRegion() + "/" + r.householdNumber();
                    if (wanted.contains(key)) {
                        heads.putIfAbsent(key, r);
                    }
                },
                prepend(List.of(regions.toArray(String[]::new), numbers.toArray(String[]::new)), where.args()));
        return heads;
    }

    /** The mother the register names for a person of the caller's subtree (wherever she lives: part of the file). */
    public Optional<Resident> motherOf(String idNumber) {
        Scoped where = scoped("c");
        List<Object> args = new ArrayList<>();
        args.add(IdNumber.of(idNumber).value());
        args.addAll(where.args());
        return jdbc
                .query(
                        SELECT_RESIDENT + " join person c on c.mother_id_number = p.id_number where c.id_number = ?"
                                + where.sql(),
                        RESIDENT,
                        args.toArray())
                .stream()
                .findFirst();
    }

    /** The current hardship categories (group details) of a person of the caller's subtree, in order. */
    public List<String> hardshipCategories(String idNumber) {
        Scoped where = scoped("p");
        List<Object> args = new ArrayList<>();
        args.add(IdNumber.of(idNumber).value());
        args.addAll(where.args());
        return jdbc.queryForList(
                "select g.detail from person_group g join person p using (id_number) "
                        + "where g.id_number = ? and g.grp = 'HARDSHIP' and (g.until is null or g.until >= current_date)"
                        + where.sql() + " order by g.detail",
                String.class,
                args.toArray());
    }

    /**
     * The persons one import changed (any field), each once; outside the caller's subtree: none. A day's payment
     * extract of one county names its payers, so its listeners look at them instead of the whole province.
     */
    public List<String> changedBy(long importId) {
        Scoped where = scoped("p");
        String sql = where.sql().isEmpty()
                ? "select distinct c.id_number from person_change c where c.import_id = ?"
                : "select distinct c.id_number from person_change c join person p using (id_number) "
                        + "where c.import_id = ?" + where.sql();
        return jdbc.queryForList(sql, String.class, prepend(List.of(importId), where.args()));
    }

    /**
     * Which of these persons have an enrollment of the year (any scheme or place; not an employee enrollment stopped
     * more than 3 months ago and not resumed); outside the caller's subtree: none.
     */
    public Set<String> enrolledFor(int year, Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Set.of();
        }
        Scoped where = scoped("p");
        // an employee enrollment whose insurance stopped more than 3 months ago does not count (RegisterDay)
        String counts = " and not (e.scheme = 'EMPLOYEE' and " + RegisterDay.suspendedOn("e", "?::date") + ")";
        // the system asks about everyone: no need to read the persons
        String sql = where.sql().isEmpty()
                ? "select distinct e.id_number from enrollment e where e.year = ? and e.id_number = any(?::char(18)[])"
                        + counts
                : "select distinct e.id_number from enrollment e join person p using (id_number) where e.year = ? "
                        + "and e.id_number = any(?::char(18)[])" + counts + where.sql();
        LocalDate today = day.today();
        return new HashSet<>(jdbc.queryForList(
                sql, String.class, prepend(List.of(year, ids(idNumbers), today, today), where.args())));
    }

    /**
     * The enrollments that first arrived in the register in [from, to) for these persons (the persons the caller
     * met, e.g. visited): when, and for which year — nothing else of the person. Read by the grid staff's work
     * tally, which credits an enrollment to the last visit before it.
     */
    public List<EnrollmentRecorded> enrollmentsRecorded(Collection<String> idNumbers, Instant from, Instant to) {
        if (idNumbers.isEmpty()) {
            return List.of();
        }
        // the change log writes an enrollment as "<year> <scheme> <place> …"
        return jdbc.query(
                "select c.id, c.id_number, split_part(c.new_value, ' ', 1)::int, c.changed_at "
                        + "from person_change c where c.id_number = any(?::char(18)[]) and c.field = 'enrollment' "
                        + "and c.old_value is null and c.changed_at >= ? and c.changed_at < ? "
                        + "and split_part(c.new_value, ' ', 1) ~ '^[0-9]{4}$' order by c.id",
                (rs, n) -> new EnrollmentRecorded(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getTimestamp(4).toInstant()),
                ids(idNumbers),
                Timestamp.from(from),
                Timestamp.from(to));
    }

    /**
     * The newborns an import added or changed (NEWBORN group rows of that import) whose file is active and has a
     * household region, in the caller's subtree, by ID number: the candidates of the newborn fast track.
     */
    public List<GroupMember> newbornsOfImport(long importId) {
        Scoped where = scoped("p");
        return jdbc.query(
                "select p.id_number, p.name, p.household_region, p.residence_region, p.grid_code, g.since, "
                        + "g.until from person_group g join person p using (id_number) where g.grp = 'NEWBORN' "
                        + "and g.import_id = ? and p.status = 'ACTIVE' and p.household_region is not null" + where.sql()
                        + " order by p.id_number",
                MEMBER,
                prepend(List.of(importId), where.args()));
    }

    /**
     * The current hardship members (membership without end, or ending today or later) whose file is active, with a
     * household region, registered or living in the scope of the import (its region's subtree), in the caller's
     * subtree, by ID number: the whole list is compared after every hardship import, not only its changed rows.
     */
    public List<GroupMember> hardshipMembersInScopeOf(long importId) {
        String scopeCode =
                jdbc.queryForList("select scope_code from import_run where id = ?", String.class, importId).stream()
                        .findFirst()
                        .orElseThrow(() -> new RegisterException("register.import.notFound", importId));
        String like =
                RegionLevel.ofCode(scopeCode).map(l -> l.prefixOf(scopeCode)).orElse(scopeCode) + "%";
        Scoped where = scoped("p");
        return jdbc.query(
                "with members as (select distinct g.id_number from person_group g where g.grp = 'HARDSHIP' "
                        + "and (g.until is null or g.until >= current_date)) "
                        + "select p.id_number, p.name, p.household_region, p.residence_region, p.grid_code, "
                        + "null::date since, null::date until from members m join person p using (id_number) "
                        + "where p.status = 'ACTIVE' and p.household_region is not null "
                        + "and (p.household_region like ? or p.residence_region like ?)" + where.sql()
                        + " order by p.id_number",
                MEMBER,
                prepend(List.of(like, like), where.args()));
    }

    /**
     * A newborn on the register from the birth certificate (出生医学证明) only: where the child lives and the county that
     * answers for it; idNumber once the police registered the birth (null before).
     */
    public record CertificateNewborn(
            String certificateNo,
            String name,
            LocalDate birthDate,
            String residenceRegion,
            String gridCode,
            String countyCode,
            String motherIdNumber,
            String idNumber) {}

    /**
     * The certificates an import brought that no police registration has joined to a file yet and on which no
     * enrolment was recorded, in the caller's subtree, by certificate: the candidates of the newborn fast track
     * before household registration.
     */
    public List<CertificateNewborn> certificateNewbornsOfImport(long importId) {
        Scoped where = scopedCertificate("c");
        return jdbc.query(
                SELECT_CERTIFICATE + " where c.import_id = ? and c.id_number is null " + "and c.enrolled_year is null"
                        + where.sql() + " order by c.certificate_no",
                CERTIFICATE,
                prepend(List.of(importId), where.args()));
    }

    /** The certificates of these numbers in the caller's subtree, by number (others absent). */
    public Map<String, CertificateNewborn> certificates(Collection<String> certificateNos) {
        if (certificateNos.isEmpty()) {
            return Map.of();
        }
        Scoped where = scopedCertificate("c");
        Map<String, CertificateNewborn> found = new HashMap<>();
        jdbc.query(
                SELECT_CERTIFICATE + " where c.certificate_no = any(?::text[])" + where.sql(),
                rs -> {
                    CertificateNewborn c = CERTIFICATE.mapRow(rs, 0);
                    found.put(c.certificateNo(), c);
                },
                prepend(List.of((Object) certificateNos.toArray(String[]::new)), where.args()));
        return found;
    }

    /** The mother a certificate names, if her file is on the register (the caller must see the certificate). */
    public Optional<Resident> motherOfCertificate(String certificateNo) {
        Scoped where = scopedCertificate("c");
        return jdbc
                .query(
                        SELECT_RESIDENT + " join birth_certificate c on c.mother_id_number = p.id_number "
                                + "where c.certificate_no = ?" + where.sql(),
                        RESIDENT,
                        prepend(List.of(certificateNo), where.args()))
                .stream()
                .findFirst();
    }

    /** "certificate {@code alias} lies in the caller's subtree": where the child lives, else its county. */
    private Scoped scopedCertificate(String alias) {
        RegionScope s = scope.get();
        if (s.unrestricted()) {
            return new Scoped("", List.of());
        }
        String like = s.codePrefix() + "%";
        return new Scoped(
                " and (" + alias + ".residence_region like ? or " + alias + ".grid_code like ? or (" + alias
                        + ".residence_region is null and " + alias + ".county_code like ?))",
                List.of(like, like, like));
    }

    private static final String SELECT_CERTIFICATE =
            "select c.certificate_no, c.name, c.birth_date, c.residence_region, "
                    + "c.grid_code, c.county_code, c.mother_id_number, c.id_number from birth_certificate c";

    private static final RowMapper<CertificateNewborn> CERTIFICATE = (rs, n) -> new CertificateNewborn(
            rs.getString(1),
            rs.getString(2),
            rs.getObject(3, LocalDate.class),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8));

    /** The condition "person {@code alias} lies in the caller's subtree" (empty for the system) and its arguments. */
    private record Scoped(String sql, List<Object> args) {}

    private Scoped scoped(String alias) {
        RegionScope s = scope.get();
        if (s.unrestricted()) {
            return new Scoped("", List.of());
        }
        // a grid worker's scope is a 15-digit grid code: only grid_code can lie under it
        String like = s.codePrefix() + "%";
        return new Scoped(
                " and (" + alias + ".household_region like ? or " + alias + ".residence_region like ? or " + alias
                        + ".grid_code like ?)",
                List.of(like, like, like));
    }

    private static Object[] prepend(List<Object> first, List<Object> rest) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(rest);
        return all.toArray();
    }

    private static String[] ids(Collection<String> idNumbers) {
        return idNumbers.stream().filter(java.util.Objects::nonNull).distinct().toArray(String[]::new);
    }

    private static final String SELECT_RESIDENT = "select p.id_number, p.name, p.birth_date, p.address, p.mobile, "
            + "p.sms_opt_out, p.household_region, p.residence_region, p.grid_code, "
            + "(select g.contact_mobile from person_group g where g.id_number = p.id_number "
            + "and g.grp in ('STUDENT', 'PRESCHOOL') and g.contact_mobile is not null "
            + "and (g.until is null or g.until >= current_date) order by g.since desc nulls last limit 1) guardian_mobile, "
            + "p.household_number, p.household_relation from person p";

    private static final RowMapper<Resident> RESIDENT = (rs, n) -> new Resident(
            rs.getString("id_number"),
            rs.getString("name"),
            rs.getObject("birth_date", LocalDate.class),
            rs.getString("address"),
            rs.getString("mobile"),
            rs.getBoolean("sms_opt_out"),
            rs.getString("household_region"),
            rs.getString("residence_region"),
            rs.getString("grid_code"),
            rs.getString("guardian_mobile"),
            rs.getString("household_number"),
            rs.getString("household_relation"));

    private static final RowMapper<GroupMember> MEMBER = (rs, n) -> new GroupMember(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getObject(6, LocalDate.class),
            rs.getObject(7, LocalDate.class));
}
