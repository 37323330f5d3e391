package cn.canbao.register.imports;

/**
 * Police rows of one ID number repeating each other in one file (docs/extract-layouts.md, "Repeats inside one
 * file"). Several rows of a person are normal — a birth and a later move, a registration and a death — and are
 * applied in event-date order; what is sorted out here, set-based and before any other check, is:
 * <ol>
 * <li>exact repeats (every value equal to an earlier row): the first is taken, the others change nothing
 * ({@link RejectReason#DUPLICATE_EXACT}, counted apart from the rejects);</li>
 * <li>one ID number under different names: the number is the key of the file, so two names mean two people on
 * one number or a typo, and the import cannot know which. None of its rows is applied; they are held for a clerk
 * ({@link RejectReason#CONFLICT_HELD}, table {@code import_held_row}), who picks one on the duplicates page. The
 * register keeps what it had. (A birth date cannot differ: it is the ID's own, and a 出生日期 column that
 * contradicts the ID is refused row by row);</li>
 * <li>the same event on the same date with other values (two 在册 rows of one day with different addresses): the
 * later row of the file is taken, as it is the newer record, and the earlier reported naming it
 * ({@link RejectReason#DUPLICATE_ROW}) — never silently.</li>
 * </ol>
 */
final class InFileRepeats {

    private InFileRepeats() {}

    static void sort(MergeContext ctx) {
        ctx.rejectExactRepeats("id_number");
        holdNameConflicts(ctx);
        ctx.jdbc()
                .update(
                        "insert into import_reject (import_id, row_number, reason_key, reason_args) "
                                + "select ?, row_number, ?, array[later::text] from (select s.row_number, lead(s.row_number) over "
                                + "(partition by s.id_number, s.event, s.event_date order by s.row_number) later from import_stage s "
                                + "where s.id_number in (select id_number from import_repeated) and not exists (select 1 "
                                + "from import_reject r where r.import_id = ? "
                                + "and r.row_number = s.row_number)) d where later is not null on conflict do nothing",
                        ctx.importId(),
                        RejectReason.DUPLICATE_ROW.messageKey(),
                        ctx.importId());
        ctx.dropRepeats();
    }

    /** Every row of an ID number that has more than one name among the rows left: held, with the other names. */
    private static void holdNameConflicts(MergeContext ctx) {
        var jdbc = ctx.jdbc();
        // min <> max: one hash aggregate over the repeated IDs' rows, no sort
        // only a repeated ID number can have two names (import_repeated, from the exact repeats' check)
        jdbc.execute("create temp table import_conflict on commit drop as select s.id_number from import_stage s "
                + "where s.id_number in (select id_number from import_repeated) "
                + "and not exists (select 1 from import_reject r where r.import_id = " + ctx.importId()
                + " and r.row_number = s.row_number) group by s.id_number having min(s.name) <> max(s.name)");
        // the names of each such number, over all its rows, in one pass: the reason's argument read them with a scan of
        // the whole stage per held row (22 held rows of a county's file: 0.9 s)
        jdbc.execute("create temp table import_conflict_names on commit drop as select x.id_number, "
                + "string_agg(distinct x.name, '、') names from import_stage x "
                + "where x.id_number in (select id_number from import_conflict) group by x.id_number");
        String conflicting = "s.id_number in (select id_number from import_conflict) and not exists (select 1 "
                + "from import_reject r where r.import_id = ? and r.row_number = s.row_number)";
        jdbc.update(
                "insert into import_held_row (import_id, row_number, id_number, name) select ?, s.row_number, "
                        + "s.id_number, left(s.name, 60) from import_stage s where " + conflicting,
                ctx.importId(),
                ctx.importId());
        ctx.rejectAt(
                RejectReason.CONFLICT_HELD,
                "姓名",
                "s.name",
                "array['姓名', s.name, (select n.names from import_conflict_names n where n.id_number = s.id_number)]",
                conflicting,
                ctx.importId());
    }
}
