package cn.canbao.register;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The register's questions about persons: who outreach should reach this year. */
@Service
@Transactional(readOnly = true)
public class RegisterService {

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;

    RegisterService(JdbcTemplate jdbc, CurrentRegionScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
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

    /** Whether the person has opted out of SMS (unknown persons have not). */
    public boolean smsOptedOut(String idNumber) {
        return jdbc.queryForList("select sms_opt_out from person where id_number = ?", Boolean.class, idNumber)
                .stream().anyMatch(Boolean.TRUE::equals);
    }

    /**
     * Records that the person wants no more SMS (person.sms_opt_out) with a change-log row naming who
     * recorded it. The person must lie in the caller's subtree. Returns false when they had opted out already.
     */
    @Transactional
    public boolean optOutOfSms(String idNumber, String by) {
        String id = IdNumber.of(idNumber).value();
        List<String> regionsOfPerson = jdbc.queryForList("select concat_ws(',', household_region, residence_region, "
                + "grid_code) from person where id_number = ?", String.class, id);
        if (regionsOfPerson.isEmpty()) {
            throw new RegisterException("register.person.notFound", IdNumber.mask(id));
        }
        RegionScope s = scope.get();
        boolean inScope = s.unrestricted() || java.util.Arrays.stream(regionsOfPerson.get(0).split(","))
                .anyMatch(code -> !code.isEmpty() && code.startsWith(s.codePrefix()));
        if (!inScope) {
            throw new RegisterException("register.person.outOfScope", IdNumber.mask(id));
        }
        return !optOut("id_number = ?", id, by).isEmpty();
    }

    /**
     * Opts out every active person with this mobile number (a reply 退订/STOP from that phone), with a
     * change-log row each; returns the ID numbers changed. For system work: the phone's owner is the caller.
     */
    @Transactional
    public List<String> optOutOfSmsByMobile(String mobile, String by) {
        return optOut("mobile = ?", mobile, by);
    }

    private List<String> optOut(String where, String arg, String by) {
        return jdbc.queryForList("with changed as (update person set sms_opt_out = true, updated_at = now() where "
                + where + " and not sms_opt_out returning id_number), logged as (insert into person_change "
                + "(id_number, field, old_value, new_value, changed_by) select id_number, 'sms_opt_out', 'false', 'true', ? "
                + "from changed) select id_number from changed order by id_number", String.class, arg, by);
    }
}
