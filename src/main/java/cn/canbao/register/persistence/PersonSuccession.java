package cn.canbao.register.persistence;

import cn.canbao.region.RegionSuccession;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The register's part of a merge of villages or grids (issue 17, point 10): every file naming the merged region as
 * household, residence or grid is moved to the successor, each change in the person's change log like an import's.
 */
@Component
class PersonSuccession implements RegionSuccession {

    private final JdbcTemplate jdbc;

    PersonSuccession(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String what() {
        return "persons";
    }

    @Override
    public int occupants(String code) {
        return jdbc.queryForObject(
                "select count(*) from person where status = 'ACTIVE' and (household_region = ? "
                        + "or residence_region = ? or grid_code = ?)",
                Integer.class,
                code,
                code,
                code);
    }

    @Override
    public int carryOver(String source, String target, String by) {
        // one statement: each file once, the old values from the row as it was, a change row per field that moved
        return jdbc.queryForObject(
                "with moved as (update person p set "
                        + "household_region = case when o.household_region = ? then ? else o.household_region end, "
                        + "residence_region = case when o.residence_region = ? then ? else o.residence_region end, "
                        + "grid_code = case when o.grid_code = ? then ? else o.grid_code end, updated_at = now() "
                        + "from person o where o.id_number = p.id_number and (o.household_region = ? or o.residence_region = ? "
                        + "or o.grid_code = ?) returning p.id_number, o.household_region, o.residence_region, o.grid_code), "
                        + "logged as (insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                        + "select m.id_number, null, f.field, ?, ?, ? from moved m cross join lateral (values "
                        + "('household_region', m.household_region), ('residence_region', m.residence_region), "
                        + "('grid_code', m.grid_code)) f(field, old) where f.old = ?) "
                        + "select count(*) from moved",
                Integer.class,
                source,
                target,
                source,
                target,
                source,
                target,
                source,
                source,
                source,
                source,
                target,
                by,
                source);
    }
}
