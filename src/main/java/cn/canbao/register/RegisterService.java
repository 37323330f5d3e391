package cn.canbao.register;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The register's questions about persons (who outreach should reach this year) and the enrollments
 * recorded by hand, outside the extracts (fast tracks).
 */
@Service
@Transactional(readOnly = true)
public class RegisterService {

    private final JdbcTemplate jdbc;

    RegisterService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Persons in the register (all regions): for start-up decisions, not for display. */
    public long personCount() {
        Long n = jdbc.queryForObject("select count(*) from person", Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Whether outreach should try to enroll the person for the year: an active file (not deceased,
     * not cancelled) without an enrollment of that year.
     */
    public boolean eligibleForOutreach(String idNumber, int year) {
        return jdbc.queryForList("select p.status = 'ACTIVE' and not exists (select 1 from enrollment e "
                + "where e.id_number = p.id_number and e.year = ?) from person p where p.id_number = ?",
                Boolean.class, year, IdNumber.of(idNumber).value()).stream().anyMatch(Boolean.TRUE::equals);
    }

    /**
     * Records a local enrollment of the person for the year, as a grid worker or clerk saw it done
     * (newborn with a birth certificate, hardship member enrolled by subsidy), with a change-log row by
     * {@code changedBy} as an import would write it. Returns false when the person already has an
     * enrollment of that year and scheme (an extract was quicker): that one is kept as it is.
     */
    @Transactional
    public boolean recordEnrollment(String idNumber, int year, InsuranceScheme scheme, LocalDate paidDate,
                                    BigDecimal amount, boolean subsidised, String changedBy) {
        String id = IdNumber.of(idNumber).value();
        if (year < 1998 || year > 2100) {
            throw new RegisterException("register.enrollment.badYear", year);
        }
        if (amount != null && amount.signum() < 0) {
            throw new RegisterException("register.enrollment.badAmount", amount);
        }
        if (jdbc.queryForList("select 1 from person where id_number = ?", Integer.class, id).isEmpty()) {
            throw new RegisterException("register.enrollment.unknownPerson", IdNumber.mask(id));
        }
        Integer written = jdbc.queryForObject("with added as (insert into enrollment (id_number, year, scheme, "
                + "place, paid_date, amount, subsidised) select ?, ?, ?, 'LOCAL', ?, ?, ? where not exists "
                + "(select 1 from enrollment e where e.id_number = ? and e.year = ? and e.scheme = ?) "
                + "on conflict do nothing returning *), logged as (insert into person_change (id_number, field, "
                + "old_value, new_value, changed_by) select id_number, 'enrollment', null, concat_ws(' ', year, "
                + "scheme, place, paid_date, amount, case when subsidised then 'SUBSIDISED' end), ? from added "
                + "returning 1) select count(*) from logged", Integer.class, id, year, scheme.name(), paidDate,
                amount, subsidised, id, year, scheme.name(), changedBy);
        return written != null && written > 0;
    }
}
