package cn.canbao.register;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The register's questions about persons: who outreach should reach this year. */
@Service
@Transactional(readOnly = true)
public class RegisterService {

    private final JdbcTemplate jdbc;

    RegisterService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether outreach should try to enroll the person for the year: an active file (not deceased,
     * not cancelled) without an enrollment of that year.
     */
    public boolean eligibleForOutreach(String idNumber, int year) {
        Boolean eligible = jdbc.queryForObject("select p.status = 'ACTIVE' and not exists (select 1 from enrollment e "
                + "where e.id_number = p.id_number and e.year = ?) from person p where p.id_number = ?",
                Boolean.class, year, IdNumber.of(idNumber).value());
        return Boolean.TRUE.equals(eligible);
    }
}
