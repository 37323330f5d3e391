package cn.canbao.register.imports;

import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.person.HouseholdRelation;
import cn.canbao.register.person.IdNumber;
import java.time.Clock;
import java.time.Year;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * 公安户籍: registrations, births and moves create or update person files; deaths and cancellations
 * end them. Several rows of one person in a file are applied in event-date order: the latest
 * registration-type row gives name and regions, the latest death or cancellation the status.
 */
@Component
class PoliceHouseholdImporter implements KindImporter {

    enum Event {
        REGISTERED,
        BIRTH,
        DEATH,
        MOVE,
        CANCELLED
    }

    private static final Map<String, Event> CHINESE = Map.of(
            "在册",
            Event.REGISTERED,
            "新增",
            Event.REGISTERED,
            "出生",
            Event.BIRTH,
            "死亡",
            Event.DEATH,
            "迁移",
            Event.MOVE,
            "迁入",
            Event.MOVE,
            "注销",
            Event.CANCELLED);

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"), Column.required("name", "姓名"),
            Column.required("event", "变动类型"), Column.required("event_date", "变动日期"),
            Column.optional("household_region", "户籍地区划"), Column.optional("residence_region", "常住地区划"),
            Column.optional("grid_code", "网格编码"), Column.optional("address", "住址"),
            Column.optional("mobile", "手机号"), Column.optional("mother_id_number", "母亲身份证号"),
            Column.optional("certificate_no", "出生医学证明编号"), Column.optional("moved_from", "迁出地区划"),
            Column.optional("household_number", "户号"), Column.optional("household_relation", "与户主关系"));

    /** Compiled once: String.matches compiled them again for every row of a county file. */
    private static final java.util.regex.Pattern HOUSEHOLD_NUMBER =
            java.util.regex.Pattern.compile("[0-9A-Za-z-]{1,20}");

    private static final java.util.regex.Pattern CERTIFICATE_NUMBER = java.util.regex.Pattern.compile("[A-Z0-9]{6,20}");

    private final cn.canbao.register.RegisterFileSettings files;
    private final Clock clock;

    PoliceHouseholdImporter(cn.canbao.register.RegisterFileSettings files, Clock clock) {
        this.clock = clock;
        this.files = files;
    }

    @Override
    public ExtractKind kind() {
        return ExtractKind.POLICE_HOUSEHOLD;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "id_number char(18), name text, birth_date date, sex char(1), event text, event_date date, "
                + "household_region text, residence_region text, grid_code text, address text, mobile text, "
                + "mother_id_number char(18), certificate_no text, moved_from text, household_number text, "
                + "household_relation text";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, birth_date, sex, event, event_date, household_region, residence_region, grid_code, "
                + "address, mobile, mother_id_number, certificate_no, moved_from, household_number, household_relation";
    }

    @Override
    public List<Object> convert(RowValues row) {
        IdNumber id = IdNumber.of(row.idNumber());
        String name = row.name();
        Event event = row.code("event", Event.class, CHINESE);
        var date = row.requiredDate("event_date");
        String household = row.regionCode("household_region", false);
        String residence = row.regionCode("residence_region", false);
        String grid = row.regionCode("grid_code", true);
        String address = row.text("address");
        if (address != null && address.length() > 200) {
            throw row.tooLong("address", 200);
        }
        boolean registers = event == Event.REGISTERED || event == Event.BIRTH || event == Event.MOVE;
        if (registers && household == null) {
            throw row.rejected(RejectReason.REQUIRED, "household_region");
        }
        row.requireGridInResidence(grid, residence);
        String mother = event == Event.BIRTH ? mother(row, id) : null;
        String certificate = event == Event.BIRTH ? certificate(row) : null;
        return Arrays.asList(
                id.value(),
                name,
                id.birthDate(),
                id.sex() == IdNumber.Sex.MALE ? "M" : "F",
                event.name(),
                date,
                household,
                residence,
                grid,
                address,
                row.mobile("mobile"),
                mother,
                certificate,
                event == Event.MOVE ? movedFrom(row) : null,
                householdNumber(row),
                relation(row));
    }

    /** 与户主关系: words as written (at most 20 characters) or a GB/T 4761 code, read by {@link HouseholdRelation}. */
    private static String relation(RowValues row) {
        String v = HouseholdRelation.normalise(row.text("household_relation")).orElse(null);
        if (v != null && v.length() > 20) {
            throw row.tooLong("household_relation", 20);
        }
        return v;
    }

    /**
     * 户号: the household book's number, digits and letters as the police station writes it (unique within the
     * station, so the register pairs it with the household village).
     */
    private static String householdNumber(RowValues row) {
        String v = row.text("household_number");
        if (v == null) {
            return null;
        }
        if (!HOUSEHOLD_NUMBER.matcher(v).matches()) {
            throw RowRejected.cell(RejectReason.HOUSEHOLD_NUMBER, row.column("household_number"), v, v);
        }
        return v.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Where a move (迁移) came from: a county (6 digits) or village (12) code, kept as 12 digits. The Yancheng pilot
     * adds "省内户籍转换数据" (in-province household transfers) to what it compares; the file records the move.
     */
    private static String movedFrom(RowValues row) {
        String v = row.text("moved_from");
        if (v == null) {
            return null;
        }
        row.refuseNonAsciiDigits("moved_from", v);
        if (!RowValues.allDigits(v) || (v.length() != 6 && v.length() != 12)) {
            throw row.rejected(RejectReason.REGION_CODE_FORMAT, "moved_from");
        }
        return v.length() == 6 ? v + "000000" : v;
    }

    /** A birth may name its 出生医学证明编号: the certificate's file (birth_certificate) becomes this person's. */
    private static String certificate(RowValues row) {
        String v = row.text("certificate_no");
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(java.util.Locale.ROOT);
        if (!CERTIFICATE_NUMBER.matcher(upper).matches()) {
            throw RowRejected.cell(RejectReason.CERTIFICATE_NUMBER, row.column("certificate_no"), v, v);
        }
        return upper;
    }

    /** A birth names the mother: her file gives the newborn's grid, and her the task of enrolling the child. */
    private static String mother(RowValues row, IdNumber child) {
        String v = row.text("mother_id_number");
        if (v == null) {
            throw RowRejected.cell(RejectReason.MOTHER_ID_MISSING, row.column("mother_id_number"), null);
        }
        if (IdNumber.problemOf(v, row.today()).isPresent()) {
            throw RowRejected.cell(RejectReason.MOTHER_ID_INVALID, row.column("mother_id_number"), v, v);
        }
        IdNumber mother = IdNumber.of(v);
        if (mother.sex() != IdNumber.Sex.FEMALE || !mother.birthDate().isBefore(child.birthDate())) {
            throw RowRejected.cell(
                    RejectReason.MOTHER_ID_NOT_MOTHER,
                    row.column("mother_id_number"),
                    v,
                    IdNumber.mask(mother.value()));
        }
        return mother.value();
    }

    /** The advisory lock of police merges ("POLI"): one at a time in the cluster, so new files are never raced. */
    private static final long MERGE_LOCK = 0x504F4C49L;

    @Override
    public boolean createsFiles() {
        return true;
    }

    @Override
    public List<String> afterBulkLoad() {
        return List.of("analyze person", "analyze person_change");
    }

    @Override
    public void merge(MergeContext ctx) {
        var jdbc = ctx.jdbc();
        // held to the commit: a police import on another node waits here, then sees the files this one created
        jdbc.queryForList("select pg_advisory_xact_lock(?)", MERGE_LOCK);
        InFileRepeats.sort(ctx);
        rejectUnknownRegions(ctx);
        // whose file it is: a person registered outside the scope is not the importer's to end, rename or
        // register elsewhere; only a move into the scope may be asked for (a transfer request, below)
        RegisterScope.rejectPersonsOutside(
                ctx, "s.event in ('DEATH', 'CANCELLED') or s.household_region not like ?", ctx.scopeLike());
        ctx.villageArgument(RejectReason.OUT_OF_SCOPE, 1)
                .reject(
                        RejectReason.OUT_OF_SCOPE,
                        "array[" + RegisterScope.village("s.household_region") + "]",
                        "s.household_region is not null and s.household_region not like ? "
                                + "and not exists (select 1 from person p where p.id_number = s.id_number)",
                        ctx.scopeLike());
        ctx.reject(
                RejectReason.UNKNOWN_PERSON,
                "array[]::text[]",
                "s.event in ('DEATH', 'CANCELLED') "
                        + "and not exists (select 1 from person p where p.id_number = s.id_number) "
                        + "and not exists (select 1 from import_stage r where r.id_number = s.id_number "
                        + "and r.event in ('REGISTERED', 'BIRTH', 'MOVE'))");
        ctx.dropRejected();
        // the files of the stage's ID numbers as they are, each looked up by its key once: the transfer check, the
        // changes and the new files' anti-join below join the stage with these, not with the province's whole
        // person table, which each of them hashed or scanned (issue 18). The merge lock above and the one
        // transaction keep them as they are until the new files are written.
        Long staged = jdbc.queryForObject("select count(*) from import_stage", Long.class);
        ctx.byIndexLookups(
                "person",
                staged == null ? 0 : staged,
                () -> jdbc.execute("create temp table import_person on commit drop as select p.id_number, "
                        + "p.name, p.household_region, p.residence_region, p.grid_code, p.address, p.mobile, p.mother_id_number, "
                        + "p.household_number, p.household_relation from person p "
                        + "where p.id_number in (select s.id_number from import_stage s)"));
        jdbc.execute("analyze import_person");
        TransferRequests.hold(ctx);
        gridsFromMothers(ctx);

        jdbc.execute("create temp table import_latest on commit drop as select distinct on (id_number) * "
                + "from import_stage where event in ('REGISTERED', 'BIRTH', 'MOVE') "
                + "order by id_number, event_date desc, row_number desc");
        // changes to existing files first: on a first import this join is empty
        jdbc.update(
                "with src as (select l.*, p.name o_name, p.household_region o_household, "
                        + "p.residence_region o_residence, p.grid_code o_grid, p.address o_address, p.mobile o_mobile, "
                        + "p.mother_id_number o_mother, p.household_number o_hh_number, p.household_relation o_hh_relation "
                        + "from import_latest l join import_person p using (id_number) "
                        + "where (p.name, p.household_region, p.residence_region, p.grid_code) is distinct from "
                        + "(l.name, l.household_region, l.residence_region, l.grid_code) "
                        + "or (l.address is not null and p.address is distinct from l.address) "
                        + "or (l.mobile is not null and p.mobile is distinct from l.mobile) "
                        + "or (l.mother_id_number is not null and p.mother_id_number is distinct from l.mother_id_number) "
                        + "or (l.household_number is not null and p.household_number is distinct from l.household_number) "
                        + "or (l.household_relation is not null "
                        + "and p.household_relation is distinct from l.household_relation)), "
                        + "updated as (update person p set name = s.name, household_region = s.household_region, "
                        + "residence_region = s.residence_region, grid_code = s.grid_code, "
                        + "address = coalesce(s.address, p.address), mobile = coalesce(s.mobile, p.mobile), "
                        + "mother_id_number = coalesce(s.mother_id_number, p.mother_id_number), "
                        + "household_number = coalesce(s.household_number, p.household_number), "
                        + "household_relation = coalesce(s.household_relation, p.household_relation), updated_at = now() "
                        + "from src s where p.id_number = s.id_number returning s.*) "
                        + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                        + "select u.id_number, ?, f.field, f.old, f.new, ? from updated u cross join lateral (values "
                        + "('name', u.o_name, u.name), ('household_region', u.o_household, u.household_region), "
                        + "('residence_region', u.o_residence, u.residence_region), ('grid_code', u.o_grid, u.grid_code), "
                        + "('address', u.o_address, coalesce(u.address, u.o_address)), "
                        + "('mobile', u.o_mobile, coalesce(u.mobile, u.o_mobile)), "
                        + "('mother_id_number', u.o_mother, coalesce(u.mother_id_number, u.o_mother)), "
                        + "('household_number', u.o_hh_number, coalesce(u.household_number, u.o_hh_number)), "
                        + "('household_relation', u.o_hh_relation, coalesce(u.household_relation, u.o_hh_relation))) "
                        + "f(field, old, new) "
                        + "where f.old is distinct from f.new",
                ctx.importId(),
                ctx.user());
        // in key order, so the primary key grows at its right edge instead of touching random pages; the files
        // that exist are left out by an anti-join, not "on conflict do nothing" (a speculative insertion per row
        // cost 60 % more; the merge lock above keeps another import from creating the same file meanwhile);
        // a new file records the import that created it (person.created_import) instead of a change row per
        // field: the first import of a county creates 600,000 files, and their values are the file itself
        Long incoming = jdbc.queryForObject("select count(*) from import_latest", Long.class);
        // the Yancheng pilot's 档案编号, 档案类型 and 建档标识 are written with the file (V37 says their form)
        BulkLoad.insert(
                jdbc,
                List.of("person"),
                incoming == null ? 0 : incoming,
                () -> ctx.countCreated(jdbc.update(
                        "insert into person "
                                + "(id_number, name, birth_date, sex, household_region, residence_region, grid_code, address, mobile, "
                                + "mother_id_number, household_number, household_relation, created_import, file_number, file_type, "
                                + "file_marker) select id_number, name, birth_date, sex, household_region, residence_region, grid_code, "
                                + "address, mobile, mother_id_number, household_number, household_relation, ?, "
                                + "? || left(household_region, 6) || ? "
                                + "|| lpad(nextval('person_file_number_seq')::text, 8, '0'), "
                                + "case event when 'BIRTH' then 'NEWBORN' when 'MOVE' then 'MOVED_IN' else 'HOUSEHOLD' end, 'POLICE' "
                                + "from import_latest l where not exists (select 1 from import_person p "
                                + "where p.id_number = l.id_number) order by id_number",
                        ctx.importId(),
                        files.numberPrefix(),
                        String.valueOf(Year.now(clock).getValue()))));
        jdbc.update(
                "with ev as (select distinct on (id_number) id_number, event_date, "
                        + "case event when 'DEATH' then 'DECEASED' else 'CANCELLED' end new_status from import_stage "
                        + "where event in ('DEATH', 'CANCELLED') order by id_number, event_date desc, row_number desc), "
                        + "src as (select e.*, p.status o_status, p.status_date o_date from ev e join person p using (id_number) "
                        + "where (p.status, p.status_date) is distinct from (e.new_status, e.event_date)), "
                        + "updated as (update person p set status = s.new_status, status_date = s.event_date, updated_at = now() "
                        + "from src s where p.id_number = s.id_number returning s.*) "
                        + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                        + "select u.id_number, ?, 'status', u.o_status || coalesce(' ' || u.o_date, ''), "
                        + "u.new_status || ' ' || u.event_date, ? from updated u",
                ctx.importId(),
                ctx.user());
        newborns(ctx);
        BirthCertificateLinks.linkFromPolice(ctx);
        HouseholdMoves.record(ctx);
    }

    /**
     * Regions a row names must be live villages (household, residence) and grids: the distinct codes of each
     * column (one pass over the stage) are looked up in one call to the region module, and the rows naming
     * codes that are not — usually none — refused in one statement per column.
     */
    private static void rejectUnknownRegions(MergeContext ctx) {
        Map<String, Set<String>> named = new LinkedHashMap<>();
        // the distinct combinations (tens of thousands for a county): one hash aggregate, half the time of
        // unpivoting every row first
        List<String> columns = List.of("household_region", "residence_region", "grid_code");
        ctx.jdbc()
                .query(
                        "select household_region, residence_region, grid_code from import_stage group by 1, 2, 3",
                        rs -> {
                            for (int i = 0; i < columns.size(); i++) {
                                String code = rs.getString(i + 1);
                                if (code != null) {
                                    named.computeIfAbsent(columns.get(i), k -> new HashSet<>())
                                            .add(code);
                                }
                            }
                        });
        Set<String> all = new HashSet<>();
        named.values().forEach(all::addAll);
        Map<String, Region> known = ctx.regions(all);
        // each column its own reason, naming the column: the clerk sees whether 户籍地, 常住地 or 网格 is wrong
        Map<String, RejectReason> reasons = Map.of(
                "household_region",
                RejectReason.UNKNOWN_HOUSEHOLD_REGION,
                "residence_region",
                RejectReason.UNKNOWN_RESIDENCE_REGION,
                "grid_code",
                RejectReason.UNKNOWN_GRID);
        for (String column : columns) {
            RegionLevel level = column.equals("grid_code") ? RegionLevel.GRID : RegionLevel.VILLAGE;
            String[] unknown = named.getOrDefault(column, Set.of()).stream()
                    .filter(code -> {
                        Region r = known.get(code);
                        return r == null || r.level() != level || r.deleted();
                    })
                    .sorted()
                    .toArray(String[]::new);
            if (unknown.length > 0) {
                String header = COLUMNS.stream()
                        .filter(c -> c.key().equals(column))
                        .findFirst()
                        .orElseThrow()
                        .chinese();
                ctx.rejectAt(
                        reasons.get(column),
                        header,
                        "s." + column,
                        "array[?, s." + column + "]",
                        "s." + column + " in (select unnest(?::text[]))",
                        header,
                        unknown);
            }
        }
    }

    /**
     * A birth that gives no grid lives where its mother lives: her residence and grid, from her latest
     * registration in this file, else from her file in the register (a grid outside the row's residence
     * is not taken). Only the mothers of such births are looked up.
     */
    private static void gridsFromMothers(MergeContext ctx) {
        ctx.jdbc()
                .update("with wanted as (select distinct mother_id_number id_number from import_stage "
                        + "where event = 'BIRTH' and grid_code is null and mother_id_number is not null), "
                        + "mothers as (select distinct on (id_number) id_number, residence_region, grid_code from ("
                        + "select s.id_number, s.residence_region, s.grid_code, 0 source, s.event_date, s.row_number "
                        + "from import_stage s join wanted using (id_number) where s.event in ('REGISTERED', 'MOVE') "
                        + "union all select p.id_number, p.residence_region, p.grid_code, 1, null, null "
                        + "from person p join wanted using (id_number)) m "
                        + "order by id_number, source, event_date desc nulls last, row_number desc nulls last) "
                        + "update import_stage s set residence_region = coalesce(s.residence_region, m.residence_region), "
                        + "grid_code = m.grid_code from mothers m where s.event = 'BIRTH' and s.grid_code is null "
                        + "and m.id_number = s.mother_id_number and m.grid_code is not null "
                        + "and m.grid_code like coalesce(s.residence_region, m.residence_region) || '%'");
    }

    /**
     * Births join the NEWBORN group (SPEC §3) from the birth date to the end of the following year, so a
     * child born during a collection period counts for the year it starts and the next; the guardian's
     * phone is the mother's.
     */
    private static void newborns(MergeContext ctx) {
        GroupMerge.merge(
                ctx,
                "select distinct on (s.id_number) s.id_number, 'NEWBORN'::varchar grp, ''::varchar detail, "
                        + "null::varchar organisation, m.mobile::varchar contact_mobile, s.birth_date since, "
                        + "make_date(extract(year from s.birth_date)::int + 1, 12, 31) until from import_stage s "
                        + "left join person m on m.id_number = s.mother_id_number where s.event = 'BIRTH' "
                        + "order by s.id_number, s.event_date desc, s.row_number desc");
    }
}
