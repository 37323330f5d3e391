package cn.canbao.security.login;

import org.springframework.security.authentication.AccountStatusException;

/** Login refused because the user's region or grid has been revoked (checked after the password). */
public class RegionRevokedException extends AccountStatusException {

    private final String regionCode;

    public RegionRevokedException(String username, String regionCode) {
        super("user " + username + " is bound to revoked region " + regionCode);
        this.regionCode = regionCode;
    }

    public String regionCode() {
        return regionCode;
    }
}
