package cn.canbao.base.ui;

import java.util.List;

/** What the application shell shows of the logged-in user (implemented by the security module). */
public interface ShellUser {

    String displayName();

    String regionName();

    /** Message keys of the user's roles, for the header. */
    List<String> roleMessageKeys();

    /** Preferred language tag (zh-CN or en), or null. */
    String locale();
}
