package cn.canbao.notify;

/**
 * A notice to one user: the whole text (counts and links only — never a resident's name, ID number or phone) and a
 * key that makes it idempotent (the same key is queued once).
 */
public record StaffNotice(String username, NoticeKind kind, String text, String dedupKey) {}
