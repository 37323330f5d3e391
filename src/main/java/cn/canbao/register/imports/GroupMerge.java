package cn.canbao.register.imports;

import java.util.List;

/**
 * Merges group memberships (hardship categories, school rolls) from a query over the stage into
 * person_group, one change-log row per added or changed membership.
 */
final class GroupMerge {

    private static final LoggedUpsert GROUPS = new LoggedUpsert(
            "person_group",
            "group",
            List.of("id_number", "grp", "detail"),
            List.of("organisation", "contact_mobile", "since", "until"),
            List.of("grp", "detail", "organisation", "since", "until"));

    private GroupMerge() {}

    /**
     * {@code source} selects id_number, grp, detail, organisation, contact_mobile, since, until — one row
     * per membership key (id_number, grp, detail).
     */
    static void merge(MergeContext ctx, String source) {
        GROUPS.merge(ctx, source);
    }
}
