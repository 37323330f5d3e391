package cn.canbao.register.imports;

/**
 * Merges group memberships (hardship categories, school rolls) from a query over the stage into
 * person_group, one change-log row per added or changed membership.
 */
final class GroupMerge {

    private static final String TEXT = "concat_ws(' ', %1$s.grp, nullif(%1$s.detail, ''), %1$s.organisation, "
            + "%1$s.since, %1$s.until)";

    private GroupMerge() {
    }

    /**
     * {@code source} selects id_number, grp, detail, organisation, contact_mobile, since, until — one row
     * per membership key (id_number, grp, detail).
     */
    static void merge(MergeContext ctx, String source) {
        // changes first, then additions: on a first import the join with existing rows is empty
        ctx.jdbc().update("with src as (select s.*, " + String.format(TEXT, "g") + " old_text from (" + source + ") s "
                + "join person_group g using (id_number, grp, detail) where (g.organisation, g.contact_mobile, g.since, "
                + "g.until) is distinct from (s.organisation, s.contact_mobile, s.since, s.until)), "
                + "updated as (update person_group g set organisation = s.organisation, contact_mobile = s.contact_mobile, "
                + "since = s.since, until = s.until, import_id = ? from src s where (g.id_number, g.grp, g.detail) = "
                + "(s.id_number, s.grp, s.detail) returning s.*) "
                + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                + "select u.id_number, ?, 'group', u.old_text, " + String.format(TEXT, "u") + ", ? from updated u",
                ctx.importId(), ctx.importId(), ctx.user());
        ctx.jdbc().update("with src as (" + source + "), added as (insert into person_group (id_number, grp, detail, "
                + "organisation, contact_mobile, since, until, import_id) select id_number, grp, detail, organisation, "
                + "contact_mobile, since, until, ? from src on conflict do nothing returning *) "
                + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                + "select a.id_number, ?, 'group', null, " + String.format(TEXT, "a") + ", ? from added a",
                ctx.importId(), ctx.importId(), ctx.user());
    }
}
