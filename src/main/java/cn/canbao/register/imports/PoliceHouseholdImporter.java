package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import cn.canbao.register.IdNumber;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * 公安户籍: registrations, births and moves create or update person files; deaths and cancellations
 * end them. Several rows of one person in a file are applied in event-date order: the latest
 * registration-type row gives name and regions, the latest death or cancellation the status.
 */
@Component
class PoliceHouseholdImporter implements KindImporter {

    enum Event { REGISTERED, BIRTH, DEATH, MOVE, CANCELLED }

    private static final Map<String, Event> CHINESE = Map.of("在册", Event.REGISTERED, "新增", Event.REGISTERED,
            "出生", Event.BIRTH, "死亡", Event.DEATH, "迁移", Event.MOVE, "迁入", Event.MOVE, "注销", Event.CANCELLED);

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"), Column.required("name", "姓名"),
            Column.required("event", "变动类型"), Column.required("event_date", "变动日期"),
            Column.optional("household_region", "户籍地区划"), Column.optional("residence_region", "常住地区划"),
            Column.optional("grid_code", "网格编码"), Column.optional("address", "住址"),
            Column.optional("mobile", "手机号"));

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
                + "household_region text, residence_region text, grid_code text, address text, mobile text";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, birth_date, sex, event, event_date, household_region, residence_region, grid_code, "
                + "address, mobile";
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
            throw new RowRejected("register.reject.tooLong", "住址", 200);
        }
        boolean registers = event == Event.REGISTERED || event == Event.BIRTH || event == Event.MOVE;
        if (registers && household == null) {
            throw new RowRejected("register.reject.required", "户籍地区划");
        }
        if (grid != null && (residence == null || !grid.startsWith(residence))) {
            throw new RowRejected("register.reject.gridNotInResidence", grid, residence == null ? "" : residence);
        }
        return Arrays.asList(id.value(), name, id.birthDate(), id.sex() == IdNumber.Sex.MALE ? "M" : "F",
                event.name(), date, household, residence, grid, address, row.mobile("mobile"));
    }

    @Override
    public void merge(MergeContext ctx) {
        var jdbc = ctx.jdbc();
        for (String column : List.of("household_region", "residence_region")) {
            ctx.reject("register.reject.unknownRegion", "array[s." + column + "]", "s." + column + " is not null "
                    + "and not exists (select 1 from region r where r.code = s." + column
                    + " and r.level = 'VILLAGE' and r.deleted_at is null)");
        }
        ctx.reject("register.reject.unknownRegion", "array[s.grid_code]", "s.grid_code is not null and not exists "
                + "(select 1 from region r where r.code = s.grid_code and r.level = 'GRID' and r.deleted_at is null)");
        ctx.reject("register.reject.outOfScope", "array[s.household_region]",
                "s.household_region is not null and s.household_region not like ?", ctx.scopeLike());
        ctx.reject("register.reject.unknownPerson", "array[]::text[]", "s.event in ('DEATH', 'CANCELLED') "
                + "and not exists (select 1 from person p where p.id_number = s.id_number) "
                + "and not exists (select 1 from import_stage r where r.id_number = s.id_number "
                + "and r.event in ('REGISTERED', 'BIRTH', 'MOVE'))");
        ctx.reject("register.reject.outOfScope", "array[(select p.household_region from person p "
                + "where p.id_number = s.id_number)]::text[]", "s.event in ('DEATH', 'CANCELLED') and exists "
                + "(select 1 from person p where p.id_number = s.id_number "
                + "and coalesce(p.household_region, '') not like ?)", ctx.scopeLike());
        ctx.dropRejected();

        jdbc.execute("create temp table import_latest on commit drop as select distinct on (id_number) * "
                + "from import_stage where event in ('REGISTERED', 'BIRTH', 'MOVE') "
                + "order by id_number, event_date desc, row_number desc");
        // changes to existing files first: on a first import this join is empty
        jdbc.update("with src as (select l.*, p.name o_name, p.household_region o_household, "
                + "p.residence_region o_residence, p.grid_code o_grid, p.address o_address, p.mobile o_mobile "
                + "from import_latest l join person p using (id_number) "
                + "where (p.name, p.household_region, p.residence_region, p.grid_code) is distinct from "
                + "(l.name, l.household_region, l.residence_region, l.grid_code) "
                + "or (l.address is not null and p.address is distinct from l.address) "
                + "or (l.mobile is not null and p.mobile is distinct from l.mobile)), "
                + "updated as (update person p set name = s.name, household_region = s.household_region, "
                + "residence_region = s.residence_region, grid_code = s.grid_code, "
                + "address = coalesce(s.address, p.address), mobile = coalesce(s.mobile, p.mobile), updated_at = now() "
                + "from src s where p.id_number = s.id_number returning s.*) "
                + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                + "select u.id_number, ?, f.field, f.old, f.new, ? from updated u cross join lateral (values "
                + "('name', u.o_name, u.name), ('household_region', u.o_household, u.household_region), "
                + "('residence_region', u.o_residence, u.residence_region), ('grid_code', u.o_grid, u.grid_code), "
                + "('address', u.o_address, coalesce(u.address, u.o_address)), "
                + "('mobile', u.o_mobile, coalesce(u.mobile, u.o_mobile))) f(field, old, new) "
                + "where f.old is distinct from f.new", ctx.importId(), ctx.user());
        // in key order, so the primary key grows at its right edge instead of touching random pages;
        // a new file records the import that created it (person.created_import) instead of a change row per
        // field: the first import of a county creates 600,000 files, and their values are the file itself
        Long incoming = jdbc.queryForObject("select count(*) from import_latest", Long.class);
        BulkLoad.insert(jdbc, List.of("person"), incoming == null ? 0 : incoming, () -> jdbc.update("insert into person "
                + "(id_number, name, birth_date, sex, household_region, residence_region, grid_code, address, mobile, "
                + "created_import) select id_number, name, birth_date, sex, household_region, residence_region, "
                + "grid_code, address, mobile, ? from import_latest order by id_number on conflict (id_number) "
                + "do nothing", ctx.importId()));
        jdbc.update("with ev as (select distinct on (id_number) id_number, event_date, "
                + "case event when 'DEATH' then 'DECEASED' else 'CANCELLED' end new_status from import_stage "
                + "where event in ('DEATH', 'CANCELLED') order by id_number, event_date desc, row_number desc), "
                + "src as (select e.*, p.status o_status, p.status_date o_date from ev e join person p using (id_number) "
                + "where (p.status, p.status_date) is distinct from (e.new_status, e.event_date)), "
                + "updated as (update person p set status = s.new_status, status_date = s.event_date, updated_at = now() "
                + "from src s where p.id_number = s.id_number returning s.*) "
                + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                + "select u.id_number, ?, 'status', u.o_status || coalesce(' ' || u.o_date, ''), "
                + "u.new_status || ' ' || u.event_date, ? from updated u", ctx.importId(), ctx.user());
    }
}
