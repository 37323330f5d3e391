package cn.canbao.security;

import java.time.Instant;
import java.util.Set;

/** A user as administrators list them. */
public record UserAccount(
        String username,
        String displayName,
        String regionCode,
        String regionName,
        Set<Role> roles,
        String phone,
        boolean enabled,
        boolean regionRevoked,
        Instant createdAt,
        String createdBy,
        Instant lastLoginAt) {
}
