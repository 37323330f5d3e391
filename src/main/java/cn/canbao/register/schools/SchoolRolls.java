package cn.canbao.register.schools;

import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterException;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityAudit;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schools as a channel (教育部门, 学校): the Heilongjiang mechanism asks "推进中小学生、学龄前儿童在常住地参加居民医保",
 * "鼓励以学校为单位在学校所在地统一办理参保登记手续，整体参保缴费" (二(一)) and has the education department "配合医保部门组织
 * 指导各级各类学校做好参保动员、政策宣传等工作，各级各类学校不得以任何形式强制或变相强制学生购买商业保险产品" (六(十)). So: per school
 * of the education rolls (STUDENT/PRESCHOOL memberships), its pupils, those enrolled for the year and those not,
 * with how many of the latter a guardian's phone reaches; the list of a school's pupils not yet enrolled, for the
 * education office; and whole-school registration (整体参保) recorded per school and year. Nothing here obliges
 * anyone: the lists inform, the texts invite.
 * County leaders, clerks and admins see their county; township leaders and clerks their township (pupils by
 * household or residence). Lists mask ID numbers and phones; an export for the education office is audited.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class SchoolRolls {

    static final String AUDIT_EXPORTED = "SCHOOL_LIST_EXPORTED";
    private static final Role[] READERS = {Role.COUNTY_LEADER, Role.TOWNSHIP_LEADER, Role.CLERK, Role.ADMIN};
    private static final Set<RegionLevel> LEVELS = Set.of(RegionLevel.COUNTY, RegionLevel.TOWNSHIP);
    /** The importer stores "school stage" in organisation; the stage is one of these names. */
    private static final String STAGE = " (PRESCHOOL|PRIMARY|JUNIOR|SENIOR|VOCATIONAL|HIGHER)$";

    private static final String PUPILS = """
            with s as (select g.id_number, regexp_replace(g.organisation, '%1$s', '') school,
                              substring(g.organisation from '%1$s') stage, g.contact_mobile,
                              p.name, coalesce(p.residence_region, p.household_region) village, p.mobile,
                              exists (select 1 from enrollment e where e.id_number = g.id_number and e.year = ?) enrolled
                       from person_group g join person p on p.id_number = g.id_number
                       where g.grp in ('STUDENT', 'PRESCHOOL') and g.organisation is not null
                         and (g.until is null or g.until >= current_date) and p.status = 'ACTIVE'
                         and (p.household_region like ? or p.residence_region like ?))
            """.formatted(STAGE);

    private final JdbcTemplate jdbc;
    private final RegionService regions;
    private final SecurityAudit audit;

    SchoolRolls(JdbcTemplate jdbc, RegionService regions, SecurityAudit audit) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.audit = audit;
    }

    /**
     * One school's figures for the year in the region: pupils on the roll, enrolled, not enrolled, of those a
     * guardian's (or their own) phone reaches, and the whole-school registration if recorded.
     */
    public record School(
            String name,
            String stages,
            int pupils,
            int enrolled,
            int notEnrolled,
            int reachable,
            LocalDate wholeSchoolOn,
            Integer declaredPupils) {

        /** Share of pupils enrolled, 0–100. */
        public double coverage() {
            return pupils == 0 ? 0 : 100.0 * enrolled / pupils;
        }
    }

    /** A pupil not yet enrolled: ID number and phones masked, the name as the school knows it. */
    public record Pupil(String maskedId, String name, String stage, String villageCode, String guardianMobile) {}

    /** The schools of the region's pupils, by name. */
    public List<School> schools(String regionCode, int year) {
        RegionScope scope = readable(regionCode);
        String like = scope.codePrefix() + "%";
        return jdbc.query(
                PUPILS + """
                        , t as (select school, string_agg(distinct stage, ',' order by stage) stages, count(*) pupils,
                                       count(*) filter (where enrolled) enrolled,
                                       count(*) filter (where not enrolled) not_enrolled,
                                       count(*) filter (where not enrolled and coalesce(contact_mobile, mobile) is not null)
                                           reachable
                                from s group by school)
                        select t.*, u.registered_on, u.declared_pupils from t
                        left join school_enrollment_unit u on u.county_code = ? and u.school = t.school and u.year = ?
                        order by t.school
                        """,
                (rs, n) -> new School(
                        rs.getString("school"),
                        rs.getString("stages"),
                        rs.getInt("pupils"),
                        rs.getInt("enrolled"),
                        rs.getInt("not_enrolled"),
                        rs.getInt("reachable"),
                        rs.getDate("registered_on") == null
                                ? null
                                : rs.getDate("registered_on").toLocalDate(),
                        (Integer) rs.getObject("declared_pupils")),
                year,
                like,
                like,
                countyOf(regionCode),
                year);
    }

    /** The pupils of one school in the region not enrolled for the year, by village and name. */
    public List<Pupil> notEnrolled(String regionCode, String school, int year) {
        RegionScope scope = readable(regionCode);
        String like = scope.codePrefix() + "%";
        return jdbc.query(
                PUPILS + "select id_number, name, stage, village, coalesce(contact_mobile, mobile) phone "
                        + "from s where not enrolled and school = ? order by village, name",
                (rs, n) -> new Pupil(
                        IdNumber.mask(rs.getString(1)),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5) == null ? null : MobileNumber.mask(rs.getString(5))),
                year,
                like,
                like,
                school);
    }

    /** {@link #notEnrolled} for the education office's export, audited (the list names pupils). */
    public List<Pupil> exportNotEnrolled(String regionCode, String school, int year) {
        List<Pupil> pupils = notEnrolled(regionCode, school, year);
        audit.record(
                AUDIT_EXPORTED,
                regionCode + " " + year,
                SecurityAudit.Outcome.ALLOWED,
                pupils.size() + " pupils of " + school);
        return pupils;
    }

    /**
     * Records that a school registered its pupils as a unit (整体参保登记) for the year on a day, with the number of
     * pupils it declared. County clerks and admins; a second record for the same school and year replaces the first.
     */
    @Transactional
    public School registerWholeSchool(String countyCode, String school, int year, LocalDate on, int declaredPupils) {
        Region county = regions.get(countyCode);
        if (county.level() != RegionLevel.COUNTY) {
            throw new RegisterException("register.school.county", countyCode);
        }
        CurrentUser.requireActing(county.code(), Role.CLERK, Role.ADMIN);
        if (school == null || school.isBlank() || declaredPupils < 0 || on == null) {
            throw new RegisterException("register.school.invalid");
        }
        if (schools(county.code(), year).stream().noneMatch(s -> s.name().equals(school))) {
            throw new RegisterException("register.school.unknown", school);
        }
        jdbc.update(
                "insert into school_enrollment_unit (county_code, school, year, registered_on, declared_pupils, "
                        + "registered_by) values (?, ?, ?, ?, ?, ?) on conflict (county_code, school, year) do update set "
                        + "registered_on = excluded.registered_on, declared_pupils = excluded.declared_pupils, "
                        + "registered_by = excluded.registered_by, registered_at = now()",
                county.code(),
                school,
                year,
                on,
                declaredPupils,
                CurrentUser.name());
        return schools(county.code(), year).stream()
                .filter(s -> s.name().equals(school))
                .findFirst()
                .orElseThrow();
    }

    private RegionScope readable(String regionCode) {
        Region region = regions.get(regionCode);
        if (!LEVELS.contains(region.level())) {
            throw new RegisterException("register.school.level", regionCode);
        }
        CurrentUser.requireActing(region.code(), READERS);
        return RegionScope.of(region);
    }

    private static String countyOf(String regionCode) {
        return RegionLevel.COUNTY.prefixOf(regionCode) + "000000";
    }
}
