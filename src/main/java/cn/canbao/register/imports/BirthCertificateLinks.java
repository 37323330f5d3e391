package cn.canbao.register.imports;

/**
 * One person, one file: a child on the register from the birth certificate (birth_certificate) and the file the police
 * BIRTH row creates with the ID number are joined — by the certificate number when the police row gives it
 * (出生医学证明编号), else by the same mother, birth date and name when exactly one certificate and one file answer
 * (twins differ by name). On joining, an enrolment recorded on the certificate goes into the file's enrollments, and
 * the file's change log says which certificate it came from. Set-based, on the import's stage.
 */
final class BirthCertificateLinks {

    private BirthCertificateLinks() {}

    /** Police import: its BIRTH rows (already merged into person files) claim their certificates. */
    static void linkFromPolice(MergeContext ctx) {
        link(
                ctx,
                "select c.certificate_no, s.id_number from import_stage s join birth_certificate c "
                        + "on c.certificate_no = s.certificate_no where s.event = 'BIRTH' and s.certificate_no is not null "
                        + "union all select c.certificate_no, s.id_number from import_stage s join birth_certificate c "
                        + "on c.mother_id_number = s.mother_id_number and c.birth_date = s.birth_date and c.name = s.name "
                        + "where s.event = 'BIRTH' and s.certificate_no is null");
    }

    /** Certificate import: files the police created before the certificate arrived. */
    static void linkRegisteredFirst(MergeContext ctx) {
        link(
                ctx,
                "select s.certificate_no, p.id_number from import_stage s join person p "
                        + "on p.mother_id_number = s.mother_id_number and p.birth_date = s.birth_date and p.name = s.name");
    }

    /**
     * {@code pairs} selects (certificate_no, id_number) candidates; only certificates not yet joined, files not yet
     * joined to another certificate, and pairs unique on both sides are joined.
     */
    private static void link(MergeContext ctx, String pairs) {
        var jdbc = ctx.jdbc();
        jdbc.execute("create temp table import_certificate_link on commit drop as "
                + "with candidates as (select distinct certificate_no, id_number from (" + pairs + ") x), "
                + "unique_pairs as (select * from candidates c where (select count(*) from candidates o "
                + "where o.certificate_no = c.certificate_no) = 1 and (select count(*) from candidates o "
                + "where o.id_number = c.id_number) = 1) "
                + "select u.* from unique_pairs u join birth_certificate b using (certificate_no) "
                + "where b.id_number is null and not exists (select 1 from birth_certificate o "
                + "where o.id_number = u.id_number)");
        jdbc.update(
                "update birth_certificate c set id_number = l.id_number, linked_import = ?, updated_at = now() "
                        + "from import_certificate_link l where c.certificate_no = l.certificate_no",
                ctx.importId());
        jdbc.update(
                "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                        + "select id_number, ?, 'birth_certificate', null, certificate_no, ? from import_certificate_link",
                ctx.importId(),
                ctx.user());
        // 建档标识: the file stands on the certificate too
        jdbc.update("update person p set file_marker = 'CERTIFICATE', updated_at = now() "
                + "from import_certificate_link l where p.id_number = l.id_number "
                + "and p.file_marker is distinct from 'CERTIFICATE'");
        // the enrolment made on the certificate (the grid worker's, before there was an ID number)
        jdbc.update(
                "with added as (insert into enrollment (id_number, year, scheme, place, paid_date, import_id) "
                        + "select l.id_number, c.enrolled_year, c.enrolled_scheme, 'LOCAL', c.enrolled_on, ? "
                        + "from import_certificate_link l join birth_certificate c using (certificate_no) "
                        + "where c.enrolled_year is not null order by l.id_number on conflict do nothing returning *) "
                        + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                        + "select id_number, ?, 'enrollment', null, concat_ws(' ', year, scheme, place, paid_date), ? from added",
                ctx.importId(),
                ctx.importId(),
                ctx.user());
        jdbc.execute("drop table import_certificate_link");
    }
}
