package cn.canbao.register;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register's facts other modules read in bulk: persons' enrollment and payment histories (policy), a
 * reporting window's new enrollments, payments and reasons per village (cadence), and what SMS needs of
 * persons (opt-outs, names, where they live). Each call is a few set-wide statements, never one per person.
 * System work reads everything; a user reads the persons of their own region only (household, residence or
 * grid in it) — others are absent, as unknown ones are.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class RegisterHistories {

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;

    RegisterHistories(JdbcTemplate jdbc, CurrentRegionScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** A person's enrollment and payment history as the register holds it. */
    public record History(
            String idNumber,
            String householdRegion,
            LocalDate birthDate,
            Set<PersonGroup> groups,
            List<Membership> memberships,
            List<Enrollment> enrollments,
            List<Payment> payments) {
        public History {
            groups = Set.copyOf(groups);
            memberships = List.copyOf(memberships);
            enrollments = List.copyOf(enrollments);
            payments = List.copyOf(payments);
        }
    }

    /**
     * A current group membership: its detail (the hardship category, for a veteran or spouse nothing) and the day
     * it began (for {@link PersonGroup#VETERAN} and {@link PersonGroup#MILITARY_SPOUSE} the day of leaving service).
     */
    public record Membership(PersonGroup group, String detail, LocalDate since) {}

    public record Enrollment(int year, String scheme, String place) {}

    public record Payment(String receiptNo, int year, String scheme, LocalDate paidDate) {}

    /**
     * The histories of the persons found, by ID number, in the order found: household region, the groups they
     * belong to today, all enrollments and payments. Four statements for any number of persons (the outreach
     * batches ask for thousands at once); unknown numbers and persons outside the caller's region are absent.
     */
    public Map<String, History> histories(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> households = new LinkedHashMap<>();
        Map<String, LocalDate> births = new HashMap<>();
        jdbc.query(
                "select id_number, household_region, birth_date from person p where id_number = any(?::char(18)[])"
                        + inScope(),
                rs -> {
                    households.put(rs.getString("id_number"), rs.getString("household_region"));
                    births.put(
                            rs.getString("id_number"), rs.getDate("birth_date").toLocalDate());
                },
                scopeArgs(idNumbers.toArray(String[]::new)));
        if (households.isEmpty()) {
            return Map.of();
        }
        // one array parameter, not spread over varargs
        Object[] ids = {households.keySet().toArray(String[]::new)};
        Map<String, Set<PersonGroup>> groups = new HashMap<>();
        Map<String, List<Membership>> memberships = new HashMap<>();
        jdbc.query(
                "select id_number, grp, detail, since from person_group where id_number = any(?::char(18)[]) "
                        + "and (until is null or until >= current_date)",
                rs -> {
                    PersonGroup group = PersonGroup.valueOf(rs.getString(2));
                    groups.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(group);
                    java.sql.Date since = rs.getDate(4);
                    memberships
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Membership(group, rs.getString(3), since == null ? null : since.toLocalDate()));
                },
                ids);
        Map<String, List<Enrollment>> enrollments = new HashMap<>();
        jdbc.query(
                "select id_number, year, scheme, place from enrollment where id_number = any(?::char(18)[])",
                rs -> {
                    enrollments
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Enrollment(rs.getInt(2), rs.getString(3), rs.getString(4)));
                },
                ids);
        Map<String, List<Payment>> payments = new HashMap<>();
        jdbc.query(
                "select id_number, receipt_no, year, scheme, paid_date from payment where id_number = any(?::char(18)[])",
                rs -> {
                    payments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Payment(
                                    rs.getString(2),
                                    rs.getInt(3),
                                    rs.getString(4),
                                    rs.getDate(5).toLocalDate()));
                },
                ids);
        Map<String, History> histories = new LinkedHashMap<>();
        households.forEach((id, household) -> histories.put(
                id,
                new History(
                        id,
                        household,
                        births.get(id),
                        groups.getOrDefault(id, Set.of()),
                        memberships.getOrDefault(id, List.of()),
                        enrollments.getOrDefault(id, List.of()),
                        payments.getOrDefault(id, List.of()))));
        return histories;
    }

    /** A village's reporting window: from {@code since} (exclusive) to the common end. */
    public record VillageWindow(String villageCode, Instant since) {}

    /** What the register recorded in a village's window (persons count by their household village). */
    public record VillageActivity(int newEnrollments, int newPayments, int reasonsRecorded) {}

    /**
     * Per village of the county, in its window ending at {@code until}: the persons newly enrolled for
     * {@code year} and the payments of that year newly recorded — rows an import added (change log without an
     * old value) whose import finished in the window — and the reasons for not enrolling recorded in it. One
     * statement for all villages (a county has some 300); villages with nothing are absent. System work, or a
     * leader, clerk or admin of the county.
     */
    public Map<String, VillageActivity> villageActivity(
            String countyCode, int year, List<VillageWindow> windows, Instant until) {
        CurrentUser.requireActing(countyCode, Role.ADMIN, Role.CLERK, Role.COUNTY_LEADER);
        if (windows.isEmpty()) {
            return Map.of();
        }
        String county = RegionLevel.COUNTY.prefixOf(countyCode) + "%";
        Timestamp end = Timestamp.from(until);
        Map<String, VillageActivity> activity = new HashMap<>();
        jdbc.query(
                """
                        with w(code, since) as (select * from unnest(?::varchar[], ?::text[]::timestamptz[])),
                        lo as (select min(since) since from w),
                        imports as (select i.id, i.finished_at from import_run i, lo
                                    where i.finished_at > lo.since and i.finished_at <= ?),
                        added as (select c.id, c.field, c.id_number, c.import_id, i.finished_at, p.household_region village
                                  from imports i join person_change c on c.import_id = i.id
                                  join person p on p.id_number = c.id_number
                                  where c.field in ('enrollment', 'payment') and c.old_value is null
                                    and p.household_region like ?),
                        enrolled as (select a.village, a.id_number, a.finished_at from added a where a.field = 'enrollment'
                                     and exists (select 1 from enrollment e where e.id_number = a.id_number
                                                 and e.year = ? and e.import_id = a.import_id)),
                        paid as (select a.village, a.id, a.finished_at from added a where a.field = 'payment'
                                 and exists (select 1 from payment y where y.id_number = a.id_number
                                             and y.year = ? and y.import_id = a.import_id)),
                        reasons as (select p.household_region village, c.changed_at from lo, person_change c
                                    join person p on p.id_number = c.id_number
                                    where c.field = 'not_enrolled_reason' and c.changed_at > lo.since
                                      and c.changed_at <= ? and p.household_region like ?),
                        n_enr as (select w.code, count(distinct e.id_number) n from w
                                  join enrolled e on e.village = w.code and e.finished_at > w.since group by w.code),
                        n_paid as (select w.code, count(*) n from w
                                   join paid y on y.village = w.code and y.finished_at > w.since group by w.code),
                        n_reasons as (select w.code, count(*) n from w
                                      join reasons r on r.village = w.code and r.changed_at > w.since group by w.code)
                        select w.code, coalesce(e.n, 0), coalesce(y.n, 0), coalesce(r.n, 0)
                        from w left join n_enr e on e.code = w.code left join n_paid y on y.code = w.code
                        left join n_reasons r on r.code = w.code
                        where e.n is not null or y.n is not null or r.n is not null
                        """,
                rs -> {
                    activity.put(rs.getString(1), new VillageActivity(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                },
                windows.stream().map(VillageWindow::villageCode).toArray(String[]::new),
                windows.stream().map(w -> w.since().toString()).toArray(String[]::new),
                end,
                county,
                year,
                year,
                end,
                county);
        return activity;
    }

    /** Those of the persons who opted out of SMS (one statement; the dispatcher asks for a batch at once). */
    public Set<String> smsOptedOut(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList(
                "select id_number from person p where id_number = any(?::char(18)[]) " + "and sms_opt_out" + inScope(),
                String.class,
                scopeArgs(idNumbers.toArray(String[]::new))));
    }

    /** The names of the persons, by ID number (one statement). */
    public Map<String, String> names(Collection<String> idNumbers) {
        Map<String, String> names = new HashMap<>();
        if (!idNumbers.isEmpty()) {
            jdbc.query(
                    "select id_number, name from person p where id_number = any(?::char(18)[])" + inScope(),
                    rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    },
                    scopeArgs(idNumbers.toArray(String[]::new)));
        }
        return names;
    }

    /** Where each person is placed most precisely: their grid, else residence village, else household village. */
    public Map<String, String> finestRegions(Collection<String> idNumbers) {
        Map<String, String> regions = new HashMap<>();
        if (!idNumbers.isEmpty()) {
            jdbc.query(
                    "select id_number, coalesce(grid_code, residence_region, household_region) from person p "
                            + "where id_number = any(?::char(18)[])" + inScope(),
                    rs -> {
                        regions.put(rs.getString(1), rs.getString(2));
                    },
                    scopeArgs(idNumbers.toArray(String[]::new)));
        }
        return regions;
    }

    /** The condition on {@code person p} that keeps the caller's persons ("" for system work). */
    private String inScope() {
        return scope.get().unrestricted()
                ? ""
                : " and (p.household_region like ? or p.residence_region like ? or p.grid_code like ?)";
    }

    /** The statement's first argument followed by the scope's (see {@link #inScope}). */
    private Object[] scopeArgs(Object first) {
        if (scope.get().unrestricted()) {
            return new Object[] {first};
        }
        String like = scope.get().codePrefix() + "%";
        return new Object[] {first, like, like, like};
    }
}
