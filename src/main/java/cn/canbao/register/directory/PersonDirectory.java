package cn.canbao.register.directory;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.PersonFile;
import cn.canbao.register.RegisterException;
import cn.canbao.register.imports.RejectsCsv;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.register.person.PersonStatus;
import cn.canbao.security.CurrentUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding persons and opening their files, always within the caller's subtree. Lists carry masked ID
 * numbers and mobiles only; the full file comes from {@link #open}, which writes who opened it to the
 * audit log (person_access) that admins read.
 */
@Service
@Transactional(readOnly = true)
// people who work with residents; volunteers do publicity and never see person files
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER')")
public class PersonDirectory {

    /** The purpose recorded when a file is opened on the person view. */
    public static final String PURPOSE_PERSON_VIEW = "PERSON_VIEW";

    private static final int MAX_PAGE = 500;

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final RegionService regions;
    private final PersonRefs refs;
    private final Clock clock;

    PersonDirectory(JdbcTemplate jdbc, CurrentRegionScope scope, RegionService regions, PersonRefs refs, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scope = scope;
        this.regions = regions;
        this.refs = refs;
    }

    /** One page of the persons matching the search in the caller's subtree, ordered by ID number. */
    public List<PersonRow> search(PersonSearch search, int offset, int limit) {
        PersonCriteria where = criteria(search);
        List<Object> args = new ArrayList<>(where.args());
        args.add(Math.max(0, offset));
        args.add(Math.max(1, Math.min(MAX_PAGE, limit)));
        // rows carry region codes, named for the whole page in one call to the region module
        List<PersonRow> page = jdbc.query(
                "select p.id_number, p.name, p.sex, p.birth_date, p.mobile, p.status, "
                        + "p.household_region household_name, p.residence_region residence_name from person p "
                        + "where " + where.sql() + " order by p.id_number offset ? limit ?",
                this::row,
                args.toArray());
        Map<String, String> names = names(page.stream()
                .flatMap(r -> Stream.of(r.householdRegionName(), r.residenceRegionName()))
                .toList());
        return page.stream()
                .map(r -> new PersonRow(
                        r.ref(),
                        r.maskedIdNumber(),
                        r.name(),
                        r.sex(),
                        r.age(),
                        r.maskedMobile(),
                        names.get(r.householdRegionName()),
                        names.get(r.residenceRegionName()),
                        r.status()))
                .toList();
    }

    /**
     * The persons matching the search in the caller's subtree as CSV (UTF-8 with BOM, for Excel), ordered by file
     * number: the Yancheng pilot's 档案编号, 档案类型 and 建档标识 with the person's list data — ID numbers and mobiles
     * masked, as in every list. Streamed row by row; labels come from {@code label} (the caller's language).
     */
    public void exportCsv(PersonSearch search, java.io.Writer out, java.util.function.UnaryOperator<String> label)
            throws java.io.IOException {
        PersonCriteria where = criteria(search);
        out.write('\uFEFF');
        out.write(RejectsCsv.line(
                        label.apply("person.fileNumber"),
                        label.apply("person.fileType"),
                        label.apply("person.fileMarker"),
                        label.apply("persons.name"),
                        label.apply("persons.idNumber"),
                        label.apply("persons.sex"),
                        label.apply("persons.household"),
                        label.apply("persons.residence"),
                        label.apply("persons.mobile"),
                        label.apply("persons.status"))
                + "\r\n");
        java.io.UncheckedIOException[] failed = new java.io.UncheckedIOException[1];
        jdbc.query(
                "select p.file_number, p.file_type, p.file_marker, p.name, p.id_number, p.sex, p.household_region, "
                        + "p.residence_region, p.mobile, p.status from person p where " + where.sql()
                        + " order by p.file_number, p.id_number",
                rs -> {
                    if (failed[0] != null) {
                        return;
                    }
                    try {
                        out.write(RejectsCsv.line(
                                        rs.getString(1),
                                        rs.getString(2) == null
                                                ? null
                                                : label.apply("person.fileType." + rs.getString(2)),
                                        rs.getString(3) == null
                                                ? null
                                                : label.apply("person.fileMarker." + rs.getString(3)),
                                        rs.getString(4),
                                        IdNumber.mask(rs.getString(5)),
                                        label.apply("persons.sex." + sex(rs.getString(6))),
                                        rs.getString(7),
                                        rs.getString(8),
                                        MobileNumber.mask(rs.getString(9)),
                                        label.apply(PersonStatus.valueOf(rs.getString(10))
                                                .messageKey()))
                                + "\r\n");
                    } catch (java.io.IOException e) {
                        failed[0] = new java.io.UncheckedIOException(e);
                    }
                },
                where.args().toArray());
        if (failed[0] != null) {
            throw failed[0].getCause();
        }
        out.flush();
    }

    /**
     * The names of the regions of persons the caller may see, whether or not the regions lie in the caller's
     * own (registered here, living in the next township): one call to the region module; unknown codes absent.
     */
    private Map<String, String> names(java.util.Collection<String> codes) {
        Map<String, String> names = new java.util.HashMap<>();
        List<String> known =
                codes.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (!known.isEmpty()) {
            regions.labels(known).forEach((code, label) -> names.put(code, label.name()));
        }
        return names;
    }

    /** How many persons match the search in the caller's subtree. */
    public int count(PersonSearch search) {
        PersonCriteria where = criteria(search);
        Integer count = jdbc.queryForObject(
                "select count(*) from person p where " + where.sql(), Integer.class, where.argArray());
        return count == null ? 0 : count;
    }

    /**
     * The person's full file, and one audit row saying the caller opened it; persons outside the
     * caller's subtree are refused.
     */
    @Transactional
    public PersonFile open(String idNumber, String purpose) {
        String id = normalise(idNumber);
        Map<String, Object> person = requireInScope(id);
        jdbc.update(
                "insert into person_access (id_number, username, purpose) values (?, ?, ?)",
                id,
                CurrentUser.name(),
                purpose);
        return file(id, person);
    }

    /** {@link #open} by a reference of a list row ({@link PersonRow#ref}). */
    @Transactional
    public PersonFile openByRef(String ref, String purpose) {
        return open(
                refs.idNumberOf(ref).orElseThrow(() -> new RegisterException("register.person.unknownRef")), purpose);
    }

    /** The person's changes (with the imports that made them) and payments, newest first. */
    public List<TimelineEntry> timeline(String idNumber) {
        String id = normalise(idNumber);
        requireInScope(id);
        return jdbc.query(
                "select * from ("
                        + "select c.changed_at at, 'CHANGE' kind, c.field, c.old_value, c.new_value, c.changed_by, "
                        + "c.import_id, i.kind import_kind, i.file_name, null::integer as year, null::numeric amount, "
                        + "null receipt_no, c.id seq "
                        + "from person_change c left join import_run i on i.id = c.import_id where c.id_number = ? "
                        + "union all "
                        + "select p.paid_date::timestamptz, 'PAYMENT', null, null, null, null, p.import_id, i.kind, "
                        + "i.file_name, "
                        + "p.year, p.amount, p.receipt_no, 0 "
                        + "from payment p left join import_run i on i.id = p.import_id where p.id_number = ? "
                        // the file's creation is recorded on the file itself (person.created_import), not as change
                        // rows
                        + "union all "
                        + "select p.created_at, 'CHANGE', 'created', null, i.kind, i.created_by, p.created_import, i.kind, "
                        + "i.file_name, null, null, null, -1 "
                        + "from person p join import_run i on i.id = p.created_import where p.id_number = ?"
                        + ") t order by at desc, seq desc",
                TIMELINE,
                id,
                id,
                id);
    }

    /**
     * The audit log of file openings of persons in the admin's subtree, newest first; the filter is a
     * full ID number (that person's openings) or a username (that user's openings), blank for all.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public List<PersonAccess> accessLog(String filter, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = accessWhere(filter, args);
        args.add(Math.max(0, offset));
        args.add(Math.max(1, Math.min(MAX_PAGE, limit)));
        return jdbc.query(
                "select a.id, a.id_number, p.name, a.username, a.opened_at, a.purpose from person_access a "
                        + "join person p on p.id_number = a.id_number where " + where
                        + " order by a.opened_at desc, a.id desc offset ? limit ?",
                (rs, n) -> new PersonAccess(
                        rs.getLong("id"),
                        IdNumber.mask(rs.getString("id_number")),
                        rs.getString("name"),
                        rs.getString("username"),
                        rs.getTimestamp("opened_at").toInstant(),
                        rs.getString("purpose")),
                args.toArray());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public int countAccessLog(String filter) {
        List<Object> args = new ArrayList<>();
        String where = accessWhere(filter, args);
        Integer count = jdbc.queryForObject(
                "select count(*) from person_access a join person p " + "on p.id_number = a.id_number where " + where,
                Integer.class,
                args.toArray());
        return count == null ? 0 : count;
    }

    private PersonCriteria criteria(PersonSearch search) {
        if (search.regionCode() != null && !search.regionCode().isBlank()) {
            regions.get(search.regionCode()); // refuses malformed, unknown and out-of-scope regions
        }
        return PersonCriteria.of(search, scope.get(), Year.now(clock).getValue());
    }

    private String accessWhere(String filter, List<Object> args) {
        RegionScope s = scope.get();
        List<String> where = new ArrayList<>();
        if (!s.unrestricted()) {
            String like = s.codePrefix() + "%";
            where.add("(p.household_region like ? or p.residence_region like ? or p.grid_code like ?)");
            args.addAll(List.of(like, like, like));
        }
        String f = filter == null ? "" : filter.strip();
        if (IdNumber.isValid(f)) {
            where.add("a.id_number = ?");
            args.add(IdNumber.of(f).value());
        } else if (!f.isEmpty()) {
            where.add("a.username = ?");
            args.add(f.toLowerCase(Locale.ROOT));
        }
        return where.isEmpty() ? "true" : String.join(" and ", where);
    }

    /** The person's row with region names, if the caller's subtree holds the person; refused otherwise. */
    private Map<String, Object> requireInScope(String id) {
        List<Map<String, Object>> found = jdbc.queryForList("select p.* from person p where p.id_number = ?", id);
        if (found.isEmpty()) {
            throw new RegisterException("register.person.notFound", IdNumber.mask(id));
        }
        Map<String, Object> person = new java.util.HashMap<>(found.get(0));
        RegionScope s = scope.get();
        String prefix = s.codePrefix();
        boolean inScope = s.unrestricted()
                || Stream.of("household_region", "residence_region", "grid_code")
                        .map(person::get)
                        .anyMatch(code -> code != null && code.toString().startsWith(prefix));
        if (!inScope) {
            throw new RegisterException("register.person.outOfScope", IdNumber.mask(id));
        }
        Map<String, String> names = names(Stream.of("household_region", "residence_region", "grid_code")
                .map(c -> (String) person.get(c))
                .toList());
        person.put("household_name", names.get((String) person.get("household_region")));
        person.put("residence_name", names.get((String) person.get("residence_region")));
        person.put("grid_name", names.get((String) person.get("grid_code")));
        return person;
    }

    private PersonFile file(String id, Map<String, Object> p) {
        List<PersonFile.Membership> groups = jdbc.query(
                "select grp, detail, since, until from person_group " + "where id_number = ? order by grp",
                (rs, n) -> new PersonFile.Membership(
                        PersonGroup.valueOf(rs.getString("grp")),
                        rs.getString("detail"),
                        date(rs, "since"),
                        date(rs, "until")),
                id);
        List<PersonFile.Enrollment> enrollments = jdbc.query(
                "select year, scheme, place, insured_region, paid_date, "
                        + "amount from enrollment where id_number = ? order by year desc, scheme, place",
                (rs, n) -> new PersonFile.Enrollment(
                        rs.getInt("year"),
                        rs.getString("scheme"),
                        rs.getString("place"),
                        rs.getString("insured_region"),
                        date(rs, "paid_date"),
                        rs.getBigDecimal("amount")),
                id);
        List<PersonFile.Payment> payments = jdbc.query(
                "select receipt_no, year, scheme, paid_date, amount "
                        + "from payment where id_number = ? order by paid_date desc, receipt_no",
                (rs, n) -> new PersonFile.Payment(
                        rs.getString("receipt_no"),
                        rs.getInt("year"),
                        rs.getString("scheme"),
                        date(rs, "paid_date"),
                        rs.getBigDecimal("amount")),
                id);
        LocalDate birth = ((java.sql.Date) p.get("birth_date")).toLocalDate();
        String reason = (String) p.get("not_enrolled_reason");
        return new PersonFile(
                id,
                (String) p.get("name"),
                sex((String) p.get("sex")),
                birth,
                age(birth),
                (String) p.get("mobile"),
                (String) p.get("address"),
                place(p, "household_region", "household_name"),
                place(p, "residence_region", "residence_name"),
                place(p, "grid_code", "grid_name"),
                PersonStatus.valueOf((String) p.get("status")),
                p.get("status_date") == null ? null : ((java.sql.Date) p.get("status_date")).toLocalDate(),
                reason == null ? null : NotEnrolledReason.valueOf(reason),
                Boolean.TRUE.equals(p.get("sms_opt_out")),
                (String) p.get("file_number"),
                (String) p.get("file_type"),
                (String) p.get("file_marker"),
                groups,
                enrollments,
                payments,
                EnrollmentContinuity.of(
                        enrollments.stream().map(PersonFile.Enrollment::year).toList(),
                        Year.now(clock).getValue()));
    }

    private PersonRow row(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id_number");
        return new PersonRow(
                refs.refOf(id),
                IdNumber.mask(id),
                rs.getString("name"),
                sex(rs.getString("sex")),
                age(rs.getDate("birth_date").toLocalDate()),
                MobileNumber.mask(rs.getString("mobile")),
                rs.getString("household_name"),
                rs.getString("residence_name"),
                PersonStatus.valueOf(rs.getString("status")));
    }

    private static final RowMapper<TimelineEntry> TIMELINE = (rs, n) -> new TimelineEntry(
            rs.getTimestamp("at").toInstant(),
            TimelineEntry.Kind.valueOf(rs.getString("kind")),
            rs.getString("field"),
            rs.getString("old_value"),
            rs.getString("new_value"),
            rs.getString("changed_by"),
            (Long) rs.getObject("import_id"),
            rs.getString("import_kind") == null ? null : ExtractKind.valueOf(rs.getString("import_kind")),
            rs.getString("file_name"),
            (Integer) rs.getObject("year"),
            rs.getBigDecimal("amount"),
            rs.getString("receipt_no"));

    private static PersonFile.Place place(Map<String, Object> p, String codeColumn, String nameColumn) {
        Object code = p.get(codeColumn);
        return code == null ? null : new PersonFile.Place(code.toString(), (String) p.get(nameColumn));
    }

    private static String normalise(String idNumber) {
        return idNumber == null ? "" : idNumber.strip().toUpperCase(Locale.ROOT);
    }

    private static IdNumber.Sex sex(String code) {
        return "M".equals(code) ? IdNumber.Sex.MALE : IdNumber.Sex.FEMALE;
    }

    private int age(LocalDate birth) {
        return Period.between(birth, LocalDate.now(clock)).getYears();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}
