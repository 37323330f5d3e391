package cn.canbao.security.login;

import cn.canbao.security.persistence.UserRepository;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads users for login from PostgreSQL, with their region binding and roles. */
@Component
class CanbaoUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    CanbaoUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String normalized = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        return users.findForLogin(normalized)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user " + normalized));
    }
}
