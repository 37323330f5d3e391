package cn.canbao.region;

import cn.canbao.base.DomainException;

/** A region request that cannot be served: unknown, malformed, out of the caller's scope, or invalid. */
public class RegionException extends DomainException {

    public RegionException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    static RegionException notFound(String code) {
        return new RegionException("region.error.notFound", code);
    }

    static RegionException malformed(String code) {
        return new RegionException("region.error.malformedCode", code);
    }

    public static RegionException outOfScope(String code) {
        return new RegionOutOfScopeException(code);
    }

    /** Separate type so web layers can answer 403 rather than 400. */
    public static final class RegionOutOfScopeException extends RegionException {
        RegionOutOfScopeException(String code) {
            super("region.error.outOfScope", code);
        }
    }
}
