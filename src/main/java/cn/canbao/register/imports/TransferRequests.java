package cn.canbao.register.imports;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Police rows that would move a person's household across the edge of the importer's region — out of
 * it, or into it from outside — are not applied: they become one transfer request per person
 * (household_transfer), which the other side decides (cn.canbao.register.transfers.HouseholdTransferService).
 * The person's latest registration-type row of the file decides, as it is the one a merge applies;
 * all their registration rows are then held. Set-based, on the stage after the plain refusals, with the files of its
 * ID numbers as the police merge read them ({@code import_person}).
 */
final class TransferRequests {

    private static final String REGISTERS = "('REGISTERED', 'BIRTH', 'MOVE')";

    private TransferRequests() {}

    static void hold(MergeContext ctx) {
        JdbcTemplate jdbc = ctx.jdbc();
        String like = ctx.scopeLike();
        jdbc.execute("create temp table import_transfer (id_number char(18), name text, from_region text, "
                + "to_region text, to_residence text, to_grid text, to_address text, event text, event_date date, "
                + "row_number bigint, approver_region text) on commit drop");
        // rows outside on both sides were refused before: what is left crosses when exactly one side is ours;
        // only persons with a row touching the outside are sorted (a county's own import has none)
        jdbc.update(
                "insert into import_transfer select l.id_number, l.name, p.household_region, l.household_region, "
                        + "l.residence_region, l.grid_code, l.address, l.event, l.event_date, l.row_number, "
                        + "case when p.household_region like ? then l.household_region else p.household_region end "
                        + "from (select distinct on (id_number) * from import_stage where event in " + REGISTERS
                        + " and id_number in (select s.id_number from import_stage s join import_person p using (id_number) "
                        + "where s.event in " + REGISTERS + " and (p.household_region not like ? "
                        + "or s.household_region not like ?)) order by id_number, event_date desc, row_number desc) l "
                        + "join import_person p using (id_number) where (p.household_region like ?) <> (l.household_region like ?)",
                like,
                like,
                like,
                like,
                like);
        ctx.reject(
                RejectReason.TRANSFER_REJECTED,
                "(select array[h.id::text, h.decided_by] "
                        + "from household_transfer h join import_transfer t using (id_number) where t.id_number = s.id_number "
                        + "and h.status = 'REJECTED' and h.to_region = t.to_region and h.event_date = t.event_date "
                        + "order by h.id desc limit 1)",
                "s.event in " + REGISTERS + " and exists (select 1 "
                        + "from household_transfer h join import_transfer t using (id_number) where t.id_number = s.id_number "
                        + "and h.status = 'REJECTED' and h.to_region = t.to_region and h.event_date = t.event_date)");
        ctx.villageArgument(RejectReason.TRANSFER_PENDING, 2)
                .reject(
                        RejectReason.TRANSFER_PENDING,
                        "(select array[h.id::text, " + RegisterScope.village("h.to_region")
                                + "] from household_transfer h where h.id_number = s.id_number and h.status = 'PENDING')",
                        "s.event in " + REGISTERS
                                + " and exists (select 1 from household_transfer h join import_transfer t "
                                + "using (id_number) where t.id_number = s.id_number and h.status = 'PENDING' "
                                + "and (h.to_region, h.to_residence, h.to_grid) is distinct from (t.to_region, t.to_residence, t.to_grid))");
        ctx.dropRejected();
        jdbc.update("delete from import_transfer t where not exists (select 1 from import_stage s "
                + "where s.row_number = t.row_number)");
        int held = jdbc.update("delete from import_stage s using import_transfer t where s.id_number = t.id_number "
                + "and s.event in " + REGISTERS);
        ctx.countTransferRequested(held);
        // the same request again (a re-import) is the pending one: nothing new
        jdbc.update(
                "insert into household_transfer (id_number, name, from_region, to_region, to_residence, to_grid, "
                        + "to_address, event, event_date, approver_region, import_id, row_number, requested_by) "
                        + "select id_number, left(name, 60), from_region, to_region, to_residence, to_grid, to_address, event, "
                        + "event_date, approver_region, ?, row_number, ? from import_transfer order by id_number "
                        + "on conflict (id_number) where status = 'PENDING' do nothing",
                ctx.importId(),
                ctx.user());
    }
}
