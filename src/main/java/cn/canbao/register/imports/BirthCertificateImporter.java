package cn.canbao.register.imports;

import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.person.IdNumber;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * 出生医学证明 from the health commission: a newborn is on the register from the certificate, before the household
 * registration gives an ID number ("完善新生儿凭出生医学证明参保等服务，促进监护人为新生儿在出生当年参保",
 * seeds/heilongjiang-long-term-enrollment-mechanism.txt, (八)). Each certificate is one row of birth_certificate; the
 * child lives where the row says, else where the mother lives (her file), and her grid's worker gets the enrolment
 * task. When a police BIRTH row registers the child later, {@link BirthCertificateLinks} joins the two: one file.
 */
@Component
class BirthCertificateImporter implements KindImporter {

    /** 出生医学证明编号: a letter and nine digits on today's forms; older ones differ, so letters and digits, 6–20. */
    private static final Pattern CERTIFICATE = Pattern.compile("[A-Z0-9]{6,20}");

    private static final Map<String, String> SEXES = Map.of("男", "M", "女", "F", "M", "M", "F", "F", "1", "M", "2", "F");

    private static final List<Column> COLUMNS = List.of(
            Column.required("certificate_no", "出生医学证明编号"), Column.required("name", "姓名"),
            Column.required("sex", "性别"), Column.required("birth_date", "出生日期"),
            Column.required("mother_id_number", "母亲身份证号"), Column.optional("father_id_number", "父亲身份证号"),
            Column.optional("residence_region", "居住地区划"), Column.optional("grid_code", "网格编码"));

    @Override
    public ExtractKind kind() {
        return ExtractKind.BIRTH_CERTIFICATE;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "certificate_no text, name text, sex char(1), birth_date date, mother_id_number char(18), "
                + "father_id_number char(18), residence_region text, grid_code text, county_code text";
    }

    @Override
    public String stageColumns() {
        return "certificate_no, name, sex, birth_date, mother_id_number, father_id_number, residence_region, grid_code";
    }

    @Override
    public List<Object> convert(RowValues row) {
        String certificate = row.required("certificate_no").toUpperCase(Locale.ROOT);
        if (!CERTIFICATE.matcher(certificate).matches()) {
            throw RowRejected.cell(
                    RejectReason.CERTIFICATE_NUMBER, row.column("certificate_no"), certificate, certificate);
        }
        String name = row.name();
        String sex = SEXES.get(row.required("sex"));
        if (sex == null) {
            throw row.rejected(RejectReason.SEX_UNREADABLE, "sex");
        }
        var born = row.requiredDate("birth_date");
        IdNumber mother = parent(row, "mother_id_number", "母亲身份证号");
        if (mother.sex() != IdNumber.Sex.FEMALE || !mother.birthDate().isBefore(born)) {
            throw RowRejected.cell(
                    RejectReason.MOTHER_ID_NOT_MOTHER,
                    row.column("mother_id_number"),
                    row.text("mother_id_number"),
                    IdNumber.mask(mother.value()));
        }
        IdNumber father = row.text("father_id_number") == null ? null : parent(row, "father_id_number", "父亲身份证号");
        if (father != null
                && (father.sex() != IdNumber.Sex.MALE || !father.birthDate().isBefore(born))) {
            throw RowRejected.cell(
                    RejectReason.FATHER_ID_NOT_FATHER,
                    row.column("father_id_number"),
                    row.text("father_id_number"),
                    IdNumber.mask(father.value()));
        }
        String residence = row.regionCode("residence_region", false);
        String grid = row.regionCode("grid_code", true);
        row.requireGridInResidence(grid, residence);
        return Arrays.asList(
                certificate, name, sex, born, mother.value(), father == null ? null : father.value(), residence, grid);
    }

    private static IdNumber parent(RowValues row, String key, String chinese) {
        String v = row.text(key);
        if (v == null) {
            throw row.rejected(RejectReason.REQUIRED, key);
        }
        if (IdNumber.problemOf(v, row.today()).isPresent()) {
            throw RowRejected.cell(RejectReason.PARENT_ID_INVALID, row.column(key), v, chinese, v);
        }
        return IdNumber.of(v);
    }

    @Override
    public void merge(MergeContext ctx) {
        var jdbc = ctx.jdbc();
        ctx.rejectDuplicates("certificate_no");
        rejectUnknownRegions(ctx);
        ctx.dropRejected();
        // where the child lives when the row does not say: the mother's residence and grid (her file)
        jdbc.update(
                "update import_stage s set residence_region = coalesce(s.residence_region, m.residence_region), "
                        + "grid_code = m.grid_code from person m where m.id_number = s.mother_id_number and s.grid_code is null "
                        + "and m.grid_code is not null and m.grid_code like coalesce(s.residence_region, m.residence_region) || '%'");
        // whose child it is: the county of the residence, else of the mother's household
        jdbc.update(
                "update import_stage s set county_code = left(coalesce(s.residence_region, (select m.household_region "
                        + "from person m where m.id_number = s.mother_id_number)), 6) || '000000'");
        ctx.reject(RejectReason.BIRTH_PLACE_UNKNOWN, "array[]::text[]", "s.county_code is null");
        ctx.villageArgument(RejectReason.OUT_OF_SCOPE, 1)
                .reject(
                        RejectReason.OUT_OF_SCOPE,
                        "array[" + RegisterScope.village("coalesce(s.residence_region, s.county_code)") + "]",
                        "s.county_code is not null and coalesce(s.residence_region, (select m.household_region from person m "
                                + "where m.id_number = s.mother_id_number)) not like ?",
                        ctx.scopeLike());
        // a certificate already joined to a file belongs to that file: its identity is not rewritten
        ctx.reject(
                RejectReason.CERTIFICATE_REGISTERED,
                "array[]::text[]",
                "exists (select 1 from birth_certificate c "
                        + "where c.certificate_no = s.certificate_no and c.id_number is not null and (c.name, c.birth_date, "
                        + "c.mother_id_number) is distinct from (s.name, s.birth_date, s.mother_id_number))");
        ctx.dropRejected();
        jdbc.update(
                "insert into birth_certificate as c (certificate_no, name, sex, birth_date, mother_id_number, "
                        + "father_id_number, residence_region, grid_code, county_code, import_id) select certificate_no, name, sex, "
                        + "birth_date, mother_id_number, father_id_number, residence_region, grid_code, county_code, ? "
                        + "from import_stage order by certificate_no on conflict (certificate_no) do update set "
                        + "name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date, "
                        + "mother_id_number = excluded.mother_id_number, "
                        + "father_id_number = coalesce(excluded.father_id_number, c.father_id_number), "
                        + "residence_region = excluded.residence_region, grid_code = excluded.grid_code, "
                        + "county_code = excluded.county_code, import_id = excluded.import_id, updated_at = now() "
                        + "where (c.name, c.sex, c.birth_date, c.mother_id_number, c.father_id_number, c.residence_region, "
                        + "c.grid_code) is distinct from (excluded.name, excluded.sex, excluded.birth_date, "
                        + "excluded.mother_id_number, coalesce(excluded.father_id_number, c.father_id_number), "
                        + "excluded.residence_region, excluded.grid_code)",
                ctx.importId());
        // the police may have registered the child first: the file its BIRTH row created is this child's
        BirthCertificateLinks.linkRegisteredFirst(ctx);
    }

    /**
     * The village and grid a row names must be live regions of that level (one lookup for all codes); the reason
     * says which column is wrong.
     */
    private static void rejectUnknownRegions(MergeContext ctx) {
        Set<String> codes = new HashSet<>(ctx.jdbc()
                .queryForList(
                        "select distinct residence_region from import_stage "
                                + "where residence_region is not null union select distinct grid_code from import_stage "
                                + "where grid_code is not null",
                        String.class));
        Map<String, Region> known = ctx.regions(codes);
        String[] unknown = codes.stream()
                .filter(code -> {
                    Region r = known.get(code);
                    RegionLevel level = code.length() == 15 ? RegionLevel.GRID : RegionLevel.VILLAGE;
                    return r == null || r.level() != level || r.deleted();
                })
                .sorted()
                .toArray(String[]::new);
        if (unknown.length > 0) {
            ctx.rejectAt(
                    RejectReason.UNKNOWN_RESIDENCE_REGION,
                    "居住地区划",
                    "s.residence_region",
                    "array['居住地区划', s.residence_region]",
                    "s.residence_region = any(?::text[])",
                    (Object) unknown);
            ctx.rejectAt(
                    RejectReason.UNKNOWN_GRID,
                    "网格编码",
                    "s.grid_code",
                    "array['网格编码', s.grid_code]",
                    "s.grid_code = any(?::text[])",
                    (Object) unknown);
        }
    }
}
