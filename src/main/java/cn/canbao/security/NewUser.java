package cn.canbao.security;

import java.util.Set;

/** What an administrator enters to create a user. */
public record NewUser(
        String username, String displayName, String regionCode, Set<Role> roles, String phone, String password) {}
