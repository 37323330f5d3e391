package cn.canbao.register.imports;

/**
 * Whether a row's person belongs to the importer (docs/extract-layouts.md, "Whose rows an import may
 * apply"): every check is one set-wide statement over the stage.
 */
final class RegisterScope {

    /** What places a person in a region for a kind of extract. */
    enum Basis {
        /** The household region alone (police registrations, civil-affairs hardship lists). */
        HOUSEHOLD,
        /** The household or the residence region (insurance, payments, school rolls: where one lives counts). */
        HOUSEHOLD_OR_RESIDENCE
    }

    /** The stage's persons as the register holds them (ID number, household and residence), while the checks run. */
    private static final String KNOWN = "import_known";

    private RegisterScope() {}

    /** Rows of persons not in the register, or whose file lies outside the scope on the kind's basis. */
    static void rejectUnknownOrOutOfScope(MergeContext ctx, Basis basis) {
        // the files of the stage's ID numbers, each looked up by its key once: both checks below read these, not the
        // province's whole person table (each of them hashed it, issue 18)
        ctx.jdbc().execute("drop table if exists " + KNOWN);
        Long staged = ctx.jdbc().queryForObject("select count(*) from import_stage", Long.class);
        ctx.byIndexLookups(
                "person",
                staged == null ? 0 : staged,
                () -> ctx.jdbc()
                        .execute(
                                "create temp table " + KNOWN
                                        + " on commit drop as select p.id_number, p.household_region, "
                                        + "p.residence_region from person p where p.id_number in (select s.id_number from import_stage s)"));
        ctx.jdbc().execute("analyze " + KNOWN);
        ctx.reject(
                RejectReason.UNKNOWN_PERSON,
                "array[]::text[]",
                "not exists (select 1 from " + KNOWN + " p where p.id_number = s.id_number)");
        if (basis == Basis.HOUSEHOLD) {
            rejectPersonsOutside(ctx, "true");
        } else {
            ctx.villageArgument(RejectReason.PERSON_OUT_OF_SCOPE_BOTH, 1)
                    .villageArgument(RejectReason.PERSON_OUT_OF_SCOPE_BOTH, 2)
                    .reject(
                            RejectReason.PERSON_OUT_OF_SCOPE_BOTH,
                            "(select array[" + village("p.household_region") + ", " + village("p.residence_region")
                                    + "] from person p where p.id_number = s.id_number)",
                            "exists (select 1 from " + KNOWN + " p where p.id_number = s.id_number "
                                    + "and coalesce(p.household_region, '') not like ? "
                                    + "and coalesce(p.residence_region, '') not like ?)",
                            ctx.scopeLike(),
                            ctx.scopeLike());
        }
    }

    /**
     * Rows (those {@code rowCondition} selects over {@code s}, with its parameters) of persons whose household region lies
     * outside the scope: whatever the row says, nothing of such a person changes.
     */
    static void rejectPersonsOutside(MergeContext ctx, String rowCondition, Object... rowParams) {
        Object[] params = java.util.Arrays.copyOf(rowParams, rowParams.length + 1);
        params[rowParams.length] = ctx.scopeLike();
        ctx.villageArgument(RejectReason.PERSON_OUT_OF_SCOPE, 1)
                .reject(
                        RejectReason.PERSON_OUT_OF_SCOPE,
                        "(select array[" + village("p.household_region") + "] "
                                + "from person p where p.id_number = s.id_number)",
                        "(" + rowCondition + ") and exists (select 1 "
                                + "from person p where p.id_number = s.id_number and coalesce(p.household_region, '') not like ?)",
                        params);
    }

    /**
     * SQL text of a village code expression as a reason's argument: the code, "—" for none. Declared with
     * {@link MergeContext#villageArgument}, it is named (township and village) before the import ends.
     */
    static String village(String code) {
        return "coalesce(" + code + ", '—')";
    }
}
