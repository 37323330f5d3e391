package cn.canbao.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Four doors locked: the Camunda REST API and Canbao's REST API (HTTP Basic, no session),
 * Actuator (health open, the rest for admins) and everything else — Vaadin views, Camunda webapps —
 * behind the login form; a fifth, /webhooks/**, open to providers that prove themselves by signature. Method security enforces roles in services.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    DaoAuthenticationProvider authenticationProvider(UserDetailsService users, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        // the login view still shows one message for both; the log says which it was
        provider.setHideUserNotFoundExceptions(false);
        // checked only after the password matched, so it reveals nothing to guessers
        provider.setPostAuthenticationChecks(user -> {
            if (user instanceof CanbaoUser canbao && canbao.regionRevoked()) {
                throw new RegionRevokedException(canbao.getUsername(), canbao.regionCode());
            }
        });
        return provider;
    }

    /** Matches the path below the context whatever servlet serves it (Jersey serves /engine-rest). */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /** An API for machines: HTTP Basic with Canbao's users on every call, no session, so no CSRF to guard. */
    private static SecurityFilterChain basicApi(HttpSecurity http, String pattern) throws Exception {
        return http.securityMatcher(path(pattern))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.realmName("Canbao"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
        return basicApi(http, "/engine-rest/**");
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/actuator/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .httpBasic(b -> b.realmName("Canbao"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    /** Canbao's own REST API for automation (imports …): HTTP Basic with the same users, no session. */
    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return basicApi(http, "/api/**");
    }

    /**
     * Provider callbacks (Twilio's SMS status and replies): no login and no CSRF token — Twilio has neither —
     * for these paths only; each controller checks the provider's signature and refuses the rest with 403.
     */
    @Bean
    @Order(4)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/webhooks/**"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain application(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        // error dispatches of refused calls (401/403) must render, not redirect to login
                        .requestMatchers(path("/error")).permitAll()
                        .requestMatchers(path("/camunda/**")).authenticated())
                // Camunda's webapps carry their own CSRF token filter (CsrfPreventionFilter)
                .csrf(c -> c.ignoringRequestMatchers(path("/camunda/**")))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }
}
