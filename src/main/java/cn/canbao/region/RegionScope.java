package cn.canbao.region;

/**
 * What a caller may see: the subtree under {@code rootPath}, or everything for system work (jobs,
 * the demo loader). A user's scope is the path of the region or grid they are bound to.
 */
public record RegionScope(String rootCode, String rootPath) {

    private static final RegionScope EVERYTHING = new RegionScope(null, null);

    public static RegionScope everything() {
        return EVERYTHING;
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
        return unrestricted() ? "" : RegionLevel.ofCode(rootCode).map(l -> l.prefixOf(rootCode)).orElse(rootCode);
    }

    /** Whether the region with this path lies in the scope (its root included). */
    public boolean covers(String path) {
        return unrestricted() || path.equals(rootPath) || path.startsWith(rootPath + ".");
    }
}
