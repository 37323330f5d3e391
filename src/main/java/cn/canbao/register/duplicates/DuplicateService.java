package cn.canbao.register.duplicates;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportService;
import cn.canbao.register.RegisterException;
import cn.canbao.register.imports.RejectsCsv;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.CurrentUser;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clerk's duplicates (数据比对 finds them, a person decides): a person insured twice in one year
 * (in two places, or in both schemes), one person under two ID numbers (same name, birth date and
 * sex), and one ID number under two names in one police file (held by the import, see
 * docs/extract-layouts.md). Lists show masked ID numbers; resolving changes the register with change-log rows
 * (a held row chosen is imported again on its own, through every check of an import).
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
    private final ImportService imports;
    private final Clock clock;

    DuplicateService(
            JdbcTemplate jdbc, CurrentRegionScope scope, RegionService regions, ImportService imports, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scope = scope;
        this.regions = regions;
        this.imports = imports;
    }

    /**
     * One ID number under different names in one file: the import applied none of its rows. Rows as read, ID and
     * phone numbers masked; the full ID stays on the server.
     */
    public record HeldConflict(long importId, String fileName, String idNumber, List<HeldRow> rows) {
        public String maskedId() {
            return IdNumber.mask(idNumber);
        }

        public List<String> names() {
            return rows.stream().map(HeldRow::name).distinct().toList();
        }

        @Override
        public String toString() {
            return importId + " " + maskedId() + " " + names();
        }
    }

    /** A held row: its line in the file, its name and the row as read (masked). */
    public record HeldRow(long rowNumber, String name, String maskedRaw) {}

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

    /** Conflicts held by imports of the caller's subtree that nobody decided yet, newest import first. */
    public List<HeldConflict> heldConflicts(int offset, int limit) {
        return jdbc.query(
                "select h.import_id, r.file_name, h.id_number, array_agg(h.row_number order by h.row_number) "
                        + "nums, array_agg(h.name order by h.row_number) names, array_agg(coalesce(j.raw, '') "
                        + "order by h.row_number) raws from import_held_row h join import_run r on r.id = h.import_id "
                        + "left join import_reject j on j.import_id = h.import_id and j.row_number = h.row_number "
                        + "where r.scope_code like ? and r.purged_at is null and not exists (select 1 from duplicate_resolution d "
                        + "where d.kind = 'IN_FILE' and d.item_key = h.import_id || ':' || h.id_number) "
                        + "group by h.import_id, r.file_name, h.id_number order by h.import_id desc, h.id_number offset ? limit ?",
                (rs, n) -> {
                    Long[] nums = (Long[]) rs.getArray("nums").getArray();
                    String[] names = (String[]) rs.getArray("names").getArray();
                    String[] raws = (String[]) rs.getArray("raws").getArray();
                    List<HeldRow> rows = new java.util.ArrayList<>();
                    for (int i = 0; i < nums.length; i++) {
                        rows.add(new HeldRow(nums[i], names[i], RejectsCsv.masked(raws[i])));
                    }
                    return new HeldConflict(
                            rs.getLong("import_id"),
                            rs.getString("file_name"),
                            rs.getString("id_number").trim(),
                            rows);
                },
                like(),
                offset,
                limit);
    }

    /**
     * Applies the chosen row of a held conflict: the row, under its file's header, is imported again on its own as
     * a new import of the caller (every check of an import applies, and the register's change log names it); the
     * conflict's other rows are dropped. The decision is recorded first, so two clerks cannot both apply one.
     * Not in a transaction: the new import is read by the import worker as soon as it is queued.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public ImportRun applyHeldRow(HeldConflict item, long rowNumber, String note) {
        List<Map<String, Object>> found = jdbc.queryForList(
                "select r.kind, r.file_name, r.header, j.raw "
                        + "from import_held_row h join import_run r on r.id = h.import_id join import_reject j "
                        + "on j.import_id = h.import_id and j.row_number = h.row_number where h.import_id = ? and h.id_number = ? "
                        + "and h.row_number = ? and r.scope_code like ? and r.purged_at is null and r.header is not null "
                        + "and j.raw is not null",
                item.importId(),
                item.idNumber(),
                rowNumber,
                like());
        if (found.isEmpty()) {
            throw new RegisterException("register.duplicate.notFound", item.maskedId());
        }
        Map<String, Object> row = found.get(0);
        String key = item.importId() + ":" + item.idNumber();
        record("IN_FILE", key, "RESOLVED", noteOf(rowNumber, note));
        try {
            String content = row.get("header") + "\n" + row.get("raw") + "\n";
            String name = "import-" + item.importId() + "-row-" + rowNumber + ".csv";
            ImportRun run = imports.start(
                    ExtractKind.valueOf((String) row.get("kind")),
                    name,
                    new java.io.ByteArrayInputStream(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            log.info(
                    "Held conflict of {} in import {} decided by {}: row {} applied as import {}",
                    item.maskedId(),
                    item.importId(),
                    CurrentUser.name(),
                    rowNumber,
                    run.id());
            return run;
        } catch (RuntimeException e) {
            jdbc.update("delete from duplicate_resolution where kind = 'IN_FILE' and item_key = ?", key);
            throw e;
        }
    }

    /** None of the held rows is right (ask the department for a corrected extract): the conflict leaves the list. */
    @Transactional
    public void dismissHeldConflict(HeldConflict item, String note) {
        Integer n = jdbc.queryForObject(
                "select count(*) from import_held_row h join import_run r on r.id = h.import_id "
                        + "where h.import_id = ? and h.id_number = ? and r.scope_code like ?",
                Integer.class,
                item.importId(),
                item.idNumber(),
                like());
        if (n == null || n == 0) {
            throw new RegisterException("register.duplicate.notFound", item.maskedId());
        }
        record("IN_FILE", item.importId() + ":" + item.idNumber(), "DISMISSED", note);
    }

    private static String noteOf(long rowNumber, String note) {
        String text = "row " + rowNumber + (note == null || note.isBlank() ? "" : ": " + note);
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** The latest enrollment year in the register (this year when it has none). */
    public int latestYear() {
        Integer y = jdbc.queryForObject("select max(year) from enrollment", Integer.class);
        return y == null ? LocalDate.now(clock).getYear() : y;
    }

    public List<DuplicateEnrollment> enrollments(int year, int offset, int limit) {
        String like = like();
        return jdbc.query(
                "select p.id_number, p.name, e.year, array_agg(e.scheme || ' ' || e.place "
                        + "|| coalesce(' ' || e.insured_region, '') order by e.scheme, e.place) list from enrollment e "
                        + "join person p using (id_number) where e.year = ? and " + IN_SCOPE + " and not exists "
                        + "(select 1 from duplicate_resolution r where r.kind = 'ENROLLMENT' and r.item_key = p.id_number "
                        + "|| ':' || e.year) group by p.id_number, p.name, e.year having count(*) > 1 "
                        + "order by p.id_number offset ? limit ?",
                (rs, n) ->
                        new DuplicateEnrollment(rs.getString(1), rs.getString(2), rs.getInt(3), Arrays.asList((String[])
                                rs.getArray(4).getArray())),
                year,
                like,
                like,
                offset,
                limit);
    }

    public List<DuplicateFile> files(int offset, int limit) {
        String like = like();
        // household villages as codes, named for the page in one call to the region module
        List<DuplicateFile> page = jdbc.query(
                "select p.name, p.birth_date, array_agg(p.id_number order by "
                        + "p.id_number) ids, array_agg(coalesce(p.household_region, '') order by p.id_number) regions "
                        + "from person p where p.status = 'ACTIVE' and " + IN_SCOPE
                        + " group by p.name, p.birth_date, p.sex having count(*) > 1 and not exists (select 1 from "
                        + "duplicate_resolution d where d.kind = 'FILE' and d.item_key = min(p.id_number) || '/' "
                        + "|| max(p.id_number)) order by p.name, p.birth_date offset ? limit ?",
                (rs, n) -> new DuplicateFile(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        Arrays.asList((String[]) rs.getArray(3).getArray()),
                        Arrays.asList((String[]) rs.getArray(4).getArray())),
                like,
                like,
                offset,
                limit);
        Map<String, RegionService.Label> names = regions.labels(page.stream()
                .flatMap(f -> f.regions().stream())
                .filter(code -> !code.isEmpty())
                .collect(Collectors.toSet()));
        return page.stream()
                .map(f -> new DuplicateFile(
                        f.name(),
                        f.birthDate(),
                        f.idNumbers(),
                        f.regions().stream()
                                .map(code -> names.containsKey(code)
                                        ? names.get(code).name()
                                        : "")
                                .toList()))
                .toList();
    }

    /**
     * Keeps one enrollment of the person's year (given as "SCHEME PLACE") and removes the others, each
     * removal a change-log row.
     */
    @Transactional
    public void keepEnrollment(DuplicateEnrollment item, String keep, String note) {
        String id = inScope(item.idNumber());
        String[] kept = keep.split(" ");
        int removed = jdbc.update(
                "with gone as (delete from enrollment e where e.id_number = ? and e.year = ? "
                        + "and (e.scheme, e.place) <> (?, ?) returning e.*) insert into person_change (id_number, field, "
                        + "old_value, new_value, changed_by) select g.id_number, 'enrollment', concat_ws(' ', g.year, g.scheme, "
                        + "g.place, g.insured_region, g.paid_date, g.amount), ?, ? from gone g",
                id,
                item.year(),
                kept[0],
                kept[1],
                "duplicate resolved, kept " + keep + (note == null || note.isBlank() ? "" : ": " + note),
                CurrentUser.name());
        if (removed == 0) {
            throw new RegisterException("register.duplicate.nothingToResolve");
        }
        record("ENROLLMENT", id + ":" + item.year(), "RESOLVED", note);
        log.info(
                "Duplicate enrollment of {} in {} resolved by {}: kept {}, removed {}",
                IdNumber.mask(id),
                item.year(),
                CurrentUser.name(),
                keep,
                removed);
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
                jdbc.update(
                        "with old as (select status, status_date from person where id_number = ?), "
                                + "upd as (update person set status = 'CANCELLED', status_date = current_date, updated_at = now() "
                                + "where id_number = ? and status = 'ACTIVE' returning id_number) "
                                + "insert into person_change (id_number, field, old_value, new_value, changed_by) "
                                + "select u.id_number, 'status', (select status from old), ?, ? from upd u",
                        id,
                        id,
                        "CANCELLED duplicate of " + IdNumber.mask(keep),
                        CurrentUser.name());
            }
        }
        record(
                "FILE",
                ids.stream().min(String::compareTo).orElseThrow() + "/"
                        + ids.stream().max(String::compareTo).orElseThrow(),
                "RESOLVED",
                note);
    }

    /** Not a duplicate after all (e.g. both schemes on purpose for a transfer month): leaves the list. */
    @Transactional
    public void dismissEnrollment(DuplicateEnrollment item, String note) {
        record("ENROLLMENT", inScope(item.idNumber()) + ":" + item.year(), "DISMISSED", note);
    }

    private void record(String kind, String key, String resolution, String note) {
        jdbc.update(
                "insert into duplicate_resolution (kind, item_key, resolution, note, resolved_by) "
                        + "values (?, ?, ?, ?, ?)",
                kind,
                key,
                resolution,
                note,
                CurrentUser.name());
    }

    /** The ID if that person is in the caller's subtree; refused otherwise. */
    private String inScope(String id) {
        String like = like();
        Integer n = jdbc.queryForObject(
                "select count(*) from person p where p.id_number = ? and " + IN_SCOPE, Integer.class, id, like, like);
        if (n == null || n == 0) {
            throw new RegisterException("register.duplicate.notFound", IdNumber.mask(id));
        }
        return id;
    }

    private String like() {
        return scope.get().codePrefix() + "%";
    }
}
