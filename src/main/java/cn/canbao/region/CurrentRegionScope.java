package cn.canbao.region;

/**
 * The scope of whoever is calling. Implemented by the security module (from the logged-in user, or
 * everything inside an explicit system block), so services here enforce scoping without knowing users.
 */
public interface CurrentRegionScope {

    /** The caller's scope; refuses (AccessDeniedException) when there is no caller. */
    RegionScope get();
}
