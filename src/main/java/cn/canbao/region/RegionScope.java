package cn.canbao.region;

/**
 * What a caller may see: the subtree under {@code rootPath}, or everything for system work (jobs,
 * the demo loader). A user's scope is the path of the region or grid they are bound to.
 */
public record RegionScope(String rootCode, String rootPath) {

    private static final RegionScope EVERYTHING = new RegionScope(null, null);
    /**
     * Covers no region: "none" is a valid ltree label (queries by path stay well-formed) that no path equals and no
     * region code (digits only) starts with, so prefix filters match nothing either.
     */
    private static final RegionScope NOTHING = new RegionScope("none", "none");

    public static RegionScope everything() {
        return EVERYTHING;
    }

    /** The scope of a user who sees nothing by their binding, only through assignments (cadres, supervisors). */
    public static RegionScope nothing() {
        return NOTHING;
    }

    /** Whether the scope covers no region at all ({@link #nothing()}). */
    public boolean empty() {
        return NOTHING.equals(this);
    }

    public static RegionScope of(Region root) {
        return new RegionScope(root.code(), root.path());
    }

    public boolean unrestricted() {
        return rootPath == null;
    }

    /**
     * The digits every region code of the scope starts with ("" for everything): codes carry their
     * ancestors' significant digits, so tables keyed by region code filter a subtree with {@code like prefix%}.
     */
    public String codePrefix() {
        return unrestricted()
                ? ""
                : RegionLevel.ofCode(rootCode).map(l -> l.prefixOf(rootCode)).orElse(rootCode);
    }

    /** Whether the region with this path lies in the scope (its root included). */
    public boolean covers(String path) {
        return unrestricted() || path.equals(rootPath) || path.startsWith(rootPath + ".");
    }
}
