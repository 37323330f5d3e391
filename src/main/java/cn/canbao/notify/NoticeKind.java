package cn.canbao.notify;

/** What a notice is about. */
public enum NoticeKind {
    /** New tasks assigned or offered to the user's group, summed up at most once per batch span. */
    NEW_TASKS,
    /** The morning digest of a grid worker or village cadre. */
    DIGEST,
    /** A bulletin published (leaders). */
    BULLETIN,
    /** A summons proposal waiting for a leader's decision. */
    SUMMONS,
    /** A township below its expected progress line (leaders). */
    BELOW_LINE
}
