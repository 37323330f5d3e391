package cn.canbao.base;

/**
 * The caller may not act on this record: wrong role, or the record lies outside their region. A domain
 * refusal (translated, keeps a task open), answered 403 over REST.
 */
public class AccessRefused extends DomainException {

    private static final long serialVersionUID = 1L;

    public AccessRefused(String regionCode) {
        super("access.outOfScope", regionCode == null ? "" : regionCode);
    }
}
