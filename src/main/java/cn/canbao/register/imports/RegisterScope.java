package cn.canbao.register.imports;

/** Checks shared by the extracts that refer to persons already in the register. */
final class RegisterScope {

    private RegisterScope() {
    }

    /** Rows of persons not in the register, or whose household and residence both lie outside the scope. */
    static void rejectUnknownOrOutOfScope(MergeContext ctx) {
        ctx.reject("register.reject.unknownPerson", "array[]::text[]",
                "not exists (select 1 from person p where p.id_number = s.id_number)");
        ctx.reject("register.reject.outOfScope", "array[(select p.household_region from person p "
                + "where p.id_number = s.id_number)]::text[]", "exists (select 1 from person p "
                + "where p.id_number = s.id_number and coalesce(p.household_region, '') not like ? "
                + "and coalesce(p.residence_region, '') not like ?)", ctx.scopeLike(), ctx.scopeLike());
    }
}
