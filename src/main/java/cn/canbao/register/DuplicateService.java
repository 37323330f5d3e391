package cn.canbao.register;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The clerk's duplicates (数据比对 finds them, a person decides): a person insured twice in one year
 * (in two places, or in both schemes), and one person under two ID numbers (same name, birth date and
 * sex). Lists show masked ID numbers; resolving changes the register with change-log rows.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
public class DuplicateService {

    private static final Logger log = LoggerFactory.getLogger(DuplicateService.class);
    private static final String IN_SCOPE = "(p.household_region like ? or p.residence_region like ?)";

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final RegionService regions;

    DuplicateService(JdbcTemplate jdbc, CurrentRegionScope scope, RegionService regions) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.regions = regions;
    }

    /**
     * One person insured more than once in a year; each enrollment as "SCHEME PLACE [region]". The full
     * ID stays on the server (views show {@link #maskedId()}).
     */
    public record DuplicateEnrollment(String idNumber, String name, int year, List<String> enrollments) {
        public String maskedId() {
            return IdNumber.mask(idNumber);
        }

        @Override
        public String toString() {
            return maskedId() + " " + name + " " + year + " " + enrollments;
        }
    }

    /** Several files that look like one person: same name, birth date and sex, different ID numbers. */
    public record DuplicateFile(String name, LocalDate birthDate, List<String> idNumbers, List<String> regions) {
        public List<String> maskedIds() {
            return idNumbers.stream().map(IdNumber::mask).toList();
        }

        @Override
        public String toString() {
            return name + " " + birthDate + " " + maskedIds();
        }
    }

    /** The latest enrollment year in the register (this year when it has none). */
    public int latestYear() {
        Integer y = jdbc.queryForObject("select max(year) from enrollment", Integer.class);
        return y == null ? LocalDate.now().getYear() : y;
    }

    public List<DuplicateEnrollment> enrollments(int year, int offset, int limit) {
        String like = like();
        return jdbc.query("select p.id_number, p.name, e.year, array_agg(e.scheme || ' ' || e.place "
                + "|| coalesce(' ' || e.insured_region, '') order by e.scheme, e.place) list from enrollment e "
                + "join person p using (id_number) where e.year = ? and " + IN_SCOPE + " and not exists "
                + "(select 1 from duplicate_resolution r where r.kind = 'ENROLLMENT' and r.item_key = p.id_number "
                + "|| ':' || e.year) group by p.id_number, p.name, e.year having count(*) > 1 "
                + "order by p.id_number offset ? limit ?", (rs, n) -> new DuplicateEnrollment(
                rs.getString(1), rs.getString(2), rs.getInt(3),
                Arrays.asList((String[]) rs.getArray(4).getArray())), year, like, like, offset, limit);
    }

    public List<DuplicateFile> files(int offset, int limit) {
        String like = like();
        // household villages as codes, named for the page in one call to the region module
        List<DuplicateFile> page = jdbc.query("select p.name, p.birth_date, array_agg(p.id_number order by "
                + "p.id_number) ids, array_agg(coalesce(p.household_region, '') order by p.id_number) regions "
                + "from person p where p.status = 'ACTIVE' and " + IN_SCOPE
                + " group by p.name, p.birth_date, p.sex having count(*) > 1 and not exists (select 1 from "
                + "duplicate_resolution d where d.kind = 'FILE' and d.item_key = min(p.id_number) || '/' "
                + "|| max(p.id_number)) order by p.name, p.birth_date offset ? limit ?", (rs, n) -> new DuplicateFile(
                rs.getString(1), rs.getObject(2, LocalDate.class),
                Arrays.asList((String[]) rs.getArray(3).getArray()),
                Arrays.asList((String[]) rs.getArray(4).getArray())), like, like, offset, limit);
        Map<String, RegionService.Label> names = regions.labels(page.stream().flatMap(f -> f.regions().stream())
                .filter(code -> !code.isEmpty()).collect(Collectors.toSet()));
        return page.stream().map(f -> new DuplicateFile(f.name(), f.birthDate(), f.idNumbers(), f.regions().stream()
                .map(code -> names.containsKey(code) ? names.get(code).name() : "").toList())).toList();
    }

    /**
     * Keeps one enrollment of the person's year (given as "SCHEME PLACE") and removes the others, each
     * removal a change-log row.
     */
    @Transactional
    public void keepEnrollment(DuplicateEnrollment item, String keep, String note) {
        String id = inScope(item.idNumber());
        String[] kept = keep.split(" ");
        int removed = jdbc.update("with gone as (delete from enrollment e where e.id_number = ? and e.year = ? "
                + "and (e.scheme, e.place) <> (?, ?) returning e.*) insert into person_change (id_number, field, "
                + "old_value, new_value, changed_by) select g.id_number, 'enrollment', concat_ws(' ', g.year, g.scheme, "
                + "g.place, g.insured_region, g.paid_date, g.amount), ?, ? from gone g", id, item.year(), kept[0],
                kept[1], "duplicate resolved, kept " + keep + (note == null || note.isBlank() ? "" : ": " + note),
                CurrentUser.name());
        if (removed == 0) {
            throw new RegisterException("register.duplicate.nothingToResolve");
        }
        record("ENROLLMENT", id + ":" + item.year(), "RESOLVED", note);
        log.info("Duplicate enrollment of {} in {} resolved by {}: kept {}, removed {}", IdNumber.mask(id),
                item.year(), CurrentUser.name(), keep, removed);
    }

    /** Keeps one file of a duplicate group; the others are cancelled as duplicates of it. */
    @Transactional
    public void keepFile(DuplicateFile item, String keep, String note) {
        List<String> ids = item.idNumbers().stream().map(this::inScope).toList();
        if (!ids.contains(keep)) {
            throw new RegisterException("register.duplicate.notFound", IdNumber.mask(keep));
        }
        for (String id : ids) {
            if (!id.equals(keep)) {
                jdbc.update("with old as (select status, status_date from person where id_number = ?), "
                        + "upd as (update person set status = 'CANCELLED', status_date = current_date, updated_at = now() "
                        + "where id_number = ? and status = 'ACTIVE' returning id_number) "
                        + "insert into person_change (id_number, field, old_value, new_value, changed_by) "
                        + "select u.id_number, 'status', (select status from old), ?, ? from upd u", id, id,
                        "CANCELLED duplicate of " + IdNumber.mask(keep), CurrentUser.name());
            }
        }
        record("FILE", ids.stream().min(String::compareTo).orElseThrow() + "/"
                + ids.stream().max(String::compareTo).orElseThrow(), "RESOLVED", note);
    }

    /** Not a duplicate after all (e.g. both schemes on purpose for a transfer month): leaves the list. */
    @Transactional
    public void dismissEnrollment(DuplicateEnrollment item, String note) {
        record("ENROLLMENT", inScope(item.idNumber()) + ":" + item.year(), "DISMISSED", note);
    }

    private void record(String kind, String key, String resolution, String note) {
        jdbc.update("insert into duplicate_resolution (kind, item_key, resolution, note, resolved_by) "
                + "values (?, ?, ?, ?, ?)", kind, key, resolution, note, CurrentUser.name());
    }

    /** The ID if that person is in the caller's subtree; refused otherwise. */
    private String inScope(String id) {
        String like = like();
        Integer n = jdbc.queryForObject("select count(*) from person p where p.id_number = ? and " + IN_SCOPE,
                Integer.class, id, like, like);
        if (n == null || n == 0) {
            throw new RegisterException("register.duplicate.notFound", IdNumber.mask(id));
        }
        return id;
    }

    private String like() {
        return scope.get().codePrefix() + "%";
    }
}
