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
}
