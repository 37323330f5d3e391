package cn.canbao.register.imports;

/**
 * The moves (迁移) a police import applied, recorded in the file's change log with where they came from: the Yancheng
 * pilot adds "省内户籍转换数据" (in-province household transfers) to the data it compares and changes the files of
 * persons whose household changed ("定期与公安数据比对，对户籍变化的未参保人员进行变更",
 * seeds/yancheng-one-person-one-file-pilot.txt, 实施步骤 3). A move keeps the one file (same ID number, same file
 * number, enrollments and payments as they were); the change-log row says "<from> IN_PROVINCE" when the origin lies
 * in the same province (its first two digits), else "<from> OTHER_PROVINCE". Moves held as transfer requests are no
 * longer in the stage: their approval records them (household_transfer).
 */
final class HouseholdMoves {

    private HouseholdMoves() {}

    static void record(MergeContext ctx) {
        ctx.jdbc()
                .update(
                        "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                                + "select m.id_number, ?, 'moved_from', null, m.moved_from || case when left(m.moved_from, 2) "
                                + "= left(m.household_region, 2) then ' IN_PROVINCE' else ' OTHER_PROVINCE' end, ? "
                                + "from (select distinct on (id_number) id_number, moved_from, household_region from import_stage "
                                + "where event = 'MOVE' and moved_from is not null order by id_number, event_date desc, row_number desc) m "
                                + "join person p using (id_number) where p.household_region = m.household_region "
                                + "and not exists (select 1 from person_change c where c.id_number = m.id_number "
                                + "and c.field = 'moved_from' and c.new_value like m.moved_from || ' %')",
                        ctx.importId(), ctx.user());
    }
}
