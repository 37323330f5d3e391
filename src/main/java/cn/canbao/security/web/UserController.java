package cn.canbao.security.web;

import cn.canbao.base.Texts;
import cn.canbao.security.NewUser;
import cn.canbao.security.Role;
import cn.canbao.security.UserAccount;
import cn.canbao.security.UserService;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * User administration for automation, with the same rules as the screen (they live in {@link UserService}):
 * {@code GET /api/users} lists the caller's subtree (phones masked); {@code POST /api/users} creates a user and
 * answers its initial password once; {@code POST /api/users/{username}/password-reset} answers the new
 * password once; {@code PUT /api/users/{username}/enabled} takes {@code true} or {@code false};
 * {@code PUT /api/users/{username}/roles} takes the new roles. Refusals are problem+json (403 for a role or a
 * user beyond the caller's rights).
 */
@RestController
@RequestMapping("/api/users")
class UserController {

    private static final int MAX_PAGE = 500;

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    /** A user as the API lists them. */
    record UserResponse(
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
            Instant lastLoginAt,
            boolean administrable) {}

    /** What a caller sends to create a user: the password is made by the server and answered once. */
    record CreateRequest(String username, String displayName, String regionCode, Set<Role> roles, String phone) {}

    record Created(UserResponse user, String initialPassword) {}

    record PasswordReset(String username, String password) {}

    @GetMapping
    List<UserResponse> list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return users.list(q, Math.max(offset, 0), Math.min(Math.max(limit, 1), MAX_PAGE)).stream()
                .map(this::response)
                .toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@RequestBody CreateRequest request) {
        String password = UserService.randomPassword();
        UserAccount created = users.create(new NewUser(
                request.username(),
                request.displayName(),
                request.regionCode(),
                request.roles(),
                Texts.trimToNull(request.phone()),
                password));
        return new Created(response(created), password);
    }

    @PostMapping("/{username}/password-reset")
    PasswordReset resetPassword(@PathVariable String username) {
        return new PasswordReset(username, users.resetPassword(username));
    }

    @PutMapping("/{username}/enabled")
    UserResponse setEnabled(@PathVariable String username, @RequestBody boolean enabled) {
        return response(users.setEnabled(username, enabled));
    }

    @PutMapping("/{username}/roles")
    UserResponse changeRoles(@PathVariable String username, @RequestBody Set<Role> roles) {
        return response(users.changeRoles(username, roles));
    }

    private UserResponse response(UserAccount u) {
        return new UserResponse(
                u.username(),
                u.displayName(),
                u.regionCode(),
                u.regionName(),
                u.roles(),
                u.maskedPhone(),
                u.enabled(),
                u.regionRevoked(),
                u.createdAt(),
                u.createdBy(),
                u.lastLoginAt(),
                users.mayAdminister(u));
    }
}
