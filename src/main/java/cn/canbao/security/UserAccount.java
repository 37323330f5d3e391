package cn.canbao.security;

import java.time.Instant;
import java.util.Set;

/** A user as administrators list them; {@code regionPath} is the chain of codes of their region. */
public record UserAccount(
        String username,
        String displayName,
        String regionCode,
        String regionName,
        String regionPath,
        Set<Role> roles,
        String phone,
        boolean enabled,
        boolean regionRevoked,
        Instant createdAt,
        String createdBy,
        Instant lastLoginAt) {

    /** The phone as lists show it to others: {@code 139****1234}. */
    public String maskedPhone() {
        return phone == null || phone.length() < 7
                ? phone
                : phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
