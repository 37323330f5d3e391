package cn.canbao.register.directory;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import cn.canbao.register.RegisterException;
import cn.canbao.register.persistence.RegisterDay;
import cn.canbao.register.person.IdNumber;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The justice and employee-insurance parts of a person file, for a person of the caller's subtree (household,
 * residence or grid under it); anyone else's is refused like the file itself.
 */
@Service
@Transactional(readOnly = true)
// people who work with residents; volunteers do publicity and never see person files
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER')")
public class RegisterSources {

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final RegisterDay day;

    RegisterSources(JdbcTemplate jdbc, CurrentRegionScope scope, RegisterDay day) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.day = day;
    }

    /** The person's custody periods and employee-insurance stops, newest first. */
    public PersonSources of(String idNumber) {
        String id = IdNumber.of(idNumber).value();
        requireInScope(id);
        LocalDate today = day.today();
        List<PersonSources.Custody> custody = jdbc.query(
                "select kind, since, until, institution, since <= ? "
                        + "and (until is null or until > ?) from person_custody where id_number = ? order by since desc",
                (rs, n) -> new PersonSources.Custody(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class),
                        rs.getString(4),
                        rs.getBoolean(5)),
                today,
                today,
                id);
        List<PersonSources.Suspension> suspensions = jdbc.query(
                "select suspended_on, resumed_on, employer, "
                        + "suspended_on < ?::date - interval '" + RegisterDay.SUSPENSION_MONTHS + " months' "
                        + "and (resumed_on is null or resumed_on > ?) from employee_suspension where id_number = ? "
                        + "order by suspended_on desc",
                (rs, n) -> new PersonSources.Suspension(
                        rs.getObject(1, LocalDate.class),
                        rs.getObject(2, LocalDate.class),
                        rs.getString(3),
                        rs.getBoolean(4)),
                today,
                today,
                id);
        return new PersonSources(custody, suspensions);
    }

    private void requireInScope(String id) {
        RegionScope s = scope.get();
        List<Object> args = new ArrayList<>(List.of(id));
        String where = "";
        if (!s.unrestricted()) {
            String like = s.codePrefix() + "%";
            where = " and (p.household_region like ? or p.residence_region like ? or p.grid_code like ?)";
            args.addAll(List.of(like, like, like));
        }
        if (jdbc.queryForList("select 1 from person p where p.id_number = ?" + where, Integer.class, args.toArray())
                .isEmpty()) {
            throw new RegisterException("register.person.notFound", IdNumber.mask(id));
        }
    }
}
