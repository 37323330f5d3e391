package cn.canbao.base.ui;

import java.util.Locale;

/** Where the shell keeps a logged-in user's language choice (implemented by the security module). */
public interface UserPreferences {

    void saveLocale(Locale locale);
}
