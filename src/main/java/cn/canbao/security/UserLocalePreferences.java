package cn.canbao.security;

import cn.canbao.base.ui.UserPreferences;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Saves the language switch's choice on the logged-in user's record. */
@Component
class UserLocalePreferences implements UserPreferences {

    private final UserService users;

    UserLocalePreferences(UserService users) {
        this.users = users;
    }

    @Override
    public void saveLocale(Locale locale) {
        if (CurrentUser.get().isPresent()) {
            users.setOwnLocale(locale);
        }
    }
}
