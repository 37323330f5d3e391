package cn.canbao.register;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.persistence.RegisterDay;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.InsuranceScheme;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.register.person.NotEnrolledReason;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register's questions about persons (who outreach should reach this year) and the changes recorded by
 * hand, outside the extracts: enrollments of the fast tracks, corrections from visits, SMS opt-outs.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class RegisterService {

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final RegionService regions;
    private final RegisterDay day;

    private final java.time.Clock clock;

    RegisterService(
            JdbcTemplate jdbc,
            CurrentRegionScope scope,
            RegionService regions,
            RegisterDay day,
            java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scope = scope;
        this.regions = regions;
        this.day = day;
    }

    /** Persons in the register (all regions): for start-up decisions, not for display. */
    public long personCount() {
        Long n = jdbc.queryForObject("select count(*) from person", Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Whether outreach should try to enroll the person for the year: an active file (not deceased,
     * not cancelled) without an enrollment of that year, not held in custody today; an employee enrollment whose
     * insurance stopped more than 3 months ago does not count (as {@link RegisterCandidates#unenrolledResidents}).
     */
    public boolean eligibleForOutreach(String idNumber, int year) {
        LocalDate today = day.today();
        return jdbc
                .queryForList(
                        "select p.status = 'ACTIVE' and not exists (select 1 from enrollment e "
                                + "where e.id_number = p.id_number and e.year = ? and not (e.scheme = 'EMPLOYEE' and "
                                + RegisterDay.suspendedOn("p", "?::date") + ")) and not "
                                + RegisterDay.heldOn("p", "?::date")
                                + " from person p where p.id_number = ?",
                        Boolean.class,
                        year,
                        today,
                        today,
                        today,
                        today,
                        IdNumber.of(idNumber).value())
                .stream()
                .anyMatch(Boolean.TRUE::equals);
    }

    /**
     * A corrected mobile number and/or address reported from the field (either may be null: unchanged),
     * each change a change-log row by the reporter.
     */
    @Transactional
    public void correctContact(String idNumber, String mobile, String address, String by) {
        String id = IdNumber.of(idNumber).value();
        if (mobile != null) {
            String valid = MobileNumber.normalise(mobile)
                    .orElseThrow(() -> new RegisterException("register.correction.mobile", mobile));
            logged(id, "mobile", "mobile", valid, by);
        }
        if (address != null && !address.isBlank()) {
            logged(id, "address", "address", address.strip(), by);
        }
    }

    /** Why the person is not enrolled, as a visit found it (counted in the village's daily summary). */
    @Transactional
    public void recordNotEnrolledReason(String idNumber, NotEnrolledReason reason, String by) {
        logged(IdNumber.of(idNumber).value(), "not_enrolled_reason", "not_enrolled_reason", reason.name(), by);
    }

    /** A verified death: the file becomes DECEASED on that date. */
    @Transactional
    public void recordDeath(String idNumber, LocalDate date, String by) {
        String id = IdNumber.of(idNumber).value();
        jdbc.update(
                "with old as (select status, status_date from person where id_number = ?), "
                        + "upd as (update person set status = 'DECEASED', status_date = ?, updated_at = now() "
                        + "where id_number = ? and status = 'ACTIVE' returning id_number) "
                        + "insert into person_change (id_number, field, old_value, new_value, changed_by) "
                        + "select u.id_number, 'status', (select status || ' ' || coalesce(status_date::text, '') from old), ?, ? "
                        + "from upd u",
                id,
                date,
                id,
                "DECEASED " + date,
                by);
    }

    /**
     * A verified move: the new residence village or grid (a code of the register's regions), or out of the
     * county (null: residence and grid cleared, reason 外出务工), each field a change-log row.
     */
    @Transactional
    public void recordMove(String idNumber, String newResidence, String by) {
        String id = IdNumber.of(idNumber).value();
        if (newResidence == null) {
            logged(id, "residence_region", "residence_region", null, by);
            logged(id, "grid_code", "grid_code", null, by);
            logged(id, "not_enrolled_reason", "not_enrolled_reason", NotEnrolledReason.WORKS_AWAY.name(), by);
            return;
        }
        // a move may lead out of the caller's region: any live region of the register is a destination
        Region region = regions.findUnscoped(newResidence)
                .filter(r -> !r.deleted())
                .orElseThrow(() -> new RegisterException("register.reject.unknownRegion", newResidence));
        boolean grid = region.level() == RegionLevel.GRID;
        String village = grid ? region.parentCode() : newResidence;
        logged(id, "residence_region", "residence_region", village, by);
        logged(id, "grid_code", "grid_code", grid ? newResidence : null, by);
    }

    /**
     * An approved household transfer (户籍迁移) across the edge of a region: the household village, then
     * residence and grid as the police row gave them (through {@link #recordMove}; none given: cleared, as an
     * import clears them) and the address when given, each changed field a change-log row by {@code by}.
     * Package-private: HouseholdTransferService calls it after checking who decides.
     */
    @Transactional
    public void recordHouseholdMove(
            String idNumber, String household, String residence, String grid, String address, String by) {
        String id = IdNumber.of(idNumber).value();
        logged(id, "household_region", "household_region", household, by);
        if (residence != null) {
            recordMove(id, grid != null ? grid : residence, by);
        } else {
            logged(id, "residence_region", "residence_region", null, by);
            logged(id, "grid_code", "grid_code", null, by);
        }
        if (address != null) {
            logged(id, "address", "address", address, by);
        }
    }

    /**
     * A verified enrollment elsewhere (异地) for the year: an enrollment row of that scheme, place ELSEWHERE,
     * and the reason 已在外地参保 — the person then counts as insured elsewhere.
     */
    @Transactional
    public void recordInsuredElsewhere(String idNumber, int year, String scheme, String where, String by) {
        String id = IdNumber.of(idNumber).value();
        jdbc.update(
                "with ins as (insert into enrollment (id_number, year, scheme, place) values (?, ?, ?, 'ELSEWHERE') "
                        + "on conflict do nothing returning *) insert into person_change (id_number, field, old_value, "
                        + "new_value, changed_by) select id_number, 'enrollment', null, concat_ws(' ', year, scheme, place, ?), ? "
                        + "from ins",
                id,
                year,
                scheme,
                where,
                by);
        logged(id, "not_enrolled_reason", "not_enrolled_reason", NotEnrolledReason.INSURED_ELSEWHERE.name(), by);
    }

    /** Sets one column of the person when it differs, with its change-log row. Column names are ours, never input. */
    private void logged(String id, String column, String field, String value, String by) {
        int changed = jdbc.update(
                "with old as (select " + column + "::text v from person where id_number = ?), "
                        + "upd as (update person set " + column + " = ?, updated_at = now() where id_number = ? "
                        + "and " + column + " is distinct from ? returning id_number) "
                        + "insert into person_change (id_number, field, old_value, new_value, changed_by) "
                        + "select u.id_number, ?, (select v from old), ?, ? from upd u",
                id,
                value,
                id,
                value,
                field,
                value,
                by);
        if (changed == 0
                && jdbc.queryForList("select 1 from person where id_number = ?", id)
                        .isEmpty()) {
            throw new RegisterException("register.person.notFound", IdNumber.mask(id));
        }
    }

    /**
     * Records a local enrollment of the person for the year, as a grid worker or clerk saw it done
     * (newborn with a birth certificate, hardship member enrolled by subsidy), with a change-log row by
     * {@code changedBy} as an import would write it. Returns false when the person already has an
     * enrollment of that year and scheme (an extract was quicker): that one is kept as it is.
     */
    @Transactional
    public boolean recordEnrollment(
            String idNumber,
            int year,
            InsuranceScheme scheme,
            LocalDate paidDate,
            BigDecimal amount,
            boolean subsidised,
            String changedBy) {
        String id = IdNumber.of(idNumber).value();
        if (year < 1998 || year > 2100) {
            throw new RegisterException("register.enrollment.badYear", year);
        }
        if (amount != null && amount.signum() < 0) {
            throw new RegisterException("register.enrollment.badAmount", amount);
        }
        if (jdbc.queryForList("select 1 from person where id_number = ?", Integer.class, id)
                .isEmpty()) {
            throw new RegisterException("register.enrollment.unknownPerson", IdNumber.mask(id));
        }
        Integer written = jdbc.queryForObject(
                "with added as (insert into enrollment (id_number, year, scheme, "
                        + "place, paid_date, amount, subsidised) select ?, ?, ?, 'LOCAL', ?, ?, ? where not exists "
                        + "(select 1 from enrollment e where e.id_number = ? and e.year = ? and e.scheme = ?) "
                        + "on conflict do nothing returning *), logged as (insert into person_change (id_number, field, "
                        + "old_value, new_value, changed_by) select id_number, 'enrollment', null, concat_ws(' ', year, "
                        + "scheme, place, paid_date, amount, case when subsidised then 'SUBSIDISED' end), ? from added "
                        + "returning 1) select count(*) from logged",
                Integer.class,
                id,
                year,
                scheme.name(),
                paidDate,
                amount,
                subsidised,
                id,
                year,
                scheme.name(),
                changedBy);
        return written != null && written > 0;
    }

    /**
     * An enrolment made with the birth certificate before the household registration (no ID number yet): kept on the
     * certificate and moved into the person file when the police register the birth; once the certificate is joined to
     * a file, it goes into that file at once. Returns whether it was written (not when one was recorded already).
     */
    @Transactional
    public boolean recordCertificateEnrollment(
            String certificateNo, int year, InsuranceScheme scheme, LocalDate paidDate, String changedBy) {
        // one element: the linked ID number, null while the certificate stands alone
        String[] row = jdbc.query(
                "select id_number from birth_certificate where certificate_no = ? for update",
                rs -> rs.next() ? new String[] {rs.getString(1)} : null,
                certificateNo);
        if (row == null) {
            throw new RegisterException("register.certificate.notFound", certificateNo);
        }
        String linked = row[0];
        if (linked != null) {
            return recordEnrollment(linked, year, scheme, paidDate, null, false, changedBy);
        }
        return jdbc.update(
                        "update birth_certificate set enrolled_year = ?, enrolled_scheme = ?, enrolled_on = ?, "
                                + "enrolled_by = ?, updated_at = now() where certificate_no = ? and enrolled_year is null",
                        year,
                        scheme.name(),
                        paidDate,
                        changedBy,
                        certificateNo)
                > 0;
    }

    /** Those of the persons who opted out of SMS (unknown persons have not), in one statement, whoever asks. */
    public java.util.Set<String> smsOptedOut(java.util.Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.queryForList(
                "select id_number from person where id_number = " + "any(?::char(18)[]) and sms_opt_out",
                String.class,
                (Object) idNumbers.toArray(String[]::new)));
    }

    /** Whether the person has opted out of SMS (unknown persons have not). */
    public boolean smsOptedOut(String idNumber) {
        return jdbc.queryForList("select sms_opt_out from person where id_number = ?", Boolean.class, idNumber).stream()
                .anyMatch(Boolean.TRUE::equals);
    }

    /**
     * Records that the person wants no more SMS (person.sms_opt_out) with a change-log row naming who
     * recorded it. The person must lie in the caller's subtree. Returns false when they had opted out already.
     */
    @Transactional
    public boolean optOutOfSms(String idNumber, String by) {
        String id = IdNumber.of(idNumber).value();
        List<String> regionsOfPerson = jdbc.queryForList(
                "select concat_ws(',', household_region, residence_region, "
                        + "grid_code) from person where id_number = ?",
                String.class,
                id);
        if (regionsOfPerson.isEmpty()) {
            throw new RegisterException("register.person.notFound", IdNumber.mask(id));
        }
        RegionScope s = scope.get();
        boolean inScope = s.unrestricted()
                || java.util.Arrays.stream(regionsOfPerson.get(0).split(","))
                        .anyMatch(code -> !code.isEmpty() && code.startsWith(s.codePrefix()));
        if (!inScope) {
            throw new RegisterException("register.person.outOfScope", IdNumber.mask(id));
        }
        return !optOut("id_number = ?", id, by).isEmpty();
    }

    /**
     * Opts out every active person with this mobile number (a reply 退订/STOP from that phone), with a
     * change-log row each; returns the ID numbers changed. For system work: the phone's owner is the caller.
     */
    @Transactional
    public List<String> optOutOfSmsByMobile(String mobile, String by) {
        return optOut("mobile = ?", mobile, by);
    }

    private List<String> optOut(String where, String arg, String by) {
        return jdbc.queryForList(
                "with changed as (update person set sms_opt_out = true, updated_at = now() where "
                        + where + " and not sms_opt_out returning id_number), logged as (insert into person_change "
                        + "(id_number, field, old_value, new_value, changed_by) select id_number, 'sms_opt_out', 'false', 'true', ? "
                        + "from changed) select id_number from changed order by id_number",
                String.class,
                arg,
                by);
    }

    /**
     * Records in the audit log of file openings (person_access) that the caller was given these persons on a printed
     * list — a visit sheet names them with masked IDs, as a worklist does, but on paper that leaves the system —: one
     * row each with the purpose, in one statement. Persons outside the caller's subtree are neither logged nor counted.
     * Returns how many rows were written.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER')")
    public int recordListed(java.util.Collection<String> idNumbers, String purpose) {
        if (idNumbers.isEmpty()) {
            return 0;
        }
        RegionScope s = scope.get();
        List<Object> args = new java.util.ArrayList<>(List.of(
                cn.canbao.security.CurrentUser.name(),
                new java.sql.Timestamp(clock.millis()),
                purpose,
                idNumbers.stream().distinct().toArray(String[]::new)));
        String where = "";
        if (!s.unrestricted()) {
            // the subtree as every door of the register reads it: household, residence or grid under it
            where = " and (p.household_region like ? or p.residence_region like ? or p.grid_code like ?)";
            String like = s.codePrefix() + "%";
            args.addAll(List.of(like, like, like));
        }
        return jdbc.update(
                "insert into person_access (id_number, username, opened_at, purpose) "
                        + "select p.id_number, ?, ?, ? from person p where p.id_number = any(?::char(18)[])" + where,
                args.toArray());
    }
}
