package cn.canbao.security.web;

import cn.canbao.security.CanbaoUser;
import cn.canbao.security.Role;
import cn.canbao.security.login.LoginThrottle;
import cn.canbao.security.login.RegionRevokedException;
import cn.canbao.security.login.ThrottledAuthenticationProvider;
import cn.canbao.security.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.ConcurrentSessionFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Four doors locked: the Camunda REST API and Canbao's REST API (HTTP Basic, no session),
 * Actuator (health open, the rest for admins) and everything else — Vaadin views, Camunda webapps —
 * behind the login form; a fifth, /webhooks/**, open to providers that prove themselves by signature. Method security enforces roles in services.
 * Every password check goes through the {@link LoginThrottle}; login sessions end when the user's access
 * changes ({@link UserSessions}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * Every public service method checks its caller ({@code @PreAuthorize}), so an outreach start makes several checks
     * per household: a Micrometer observation around each cost 4 % of the start's CPU (JFR during bench/outreach.sh)
     * and measures nothing the request timers do not. Requests and logins stay observed.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveAuthorizations(false)
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    DaoAuthenticationProvider authenticationProvider(
            UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider provider = new ThrottledAuthenticationProvider(users, throttle);
        provider.setPasswordEncoder(encoder);
        // the login view and the API answer the same for both; the audit log says which it was
        provider.setHideUserNotFoundExceptions(false);
        // disabled is checked only after the password matched (Spring's default checks it before) and is
        // answered like a wrong password: guessers learn nothing from it
        provider.setPreAuthenticationChecks(user -> {});
        provider.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("user " + user.getUsername() + " is disabled");
            }
            if (user instanceof CanbaoUser canbao && canbao.regionRevoked()) {
                throw new RegionRevokedException(canbao.getUsername(), canbao.regionCode());
            }
        });
        return provider;
    }

    /** The login sessions of this node, by user: {@link UserSessions} expires them when access changes. */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the registry when the servlet container ends a session (timeout, logout). */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /** Matches the path below the context whatever servlet serves it (Jersey serves /engine-rest). */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /**
     * An API for machines: HTTP Basic with Canbao's users on every call, no session, so no CSRF to guard;
     * refusals (401, 429 while throttled) as problem+json.
     */
    private static SecurityFilterChain basicApi(HttpSecurity http, String pattern, AuthenticationEntryPoint refusals)
            throws Exception {
        return basicApi(http, pattern, refusals, a -> a.anyRequest().authenticated());
    }

    /** {@link #basicApi(HttpSecurity, String, AuthenticationEntryPoint)} with its own rules of who may call what. */
    private static SecurityFilterChain basicApi(
            HttpSecurity http,
            String pattern,
            AuthenticationEntryPoint refusals,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> access)
            throws Exception {
        return http.securityMatcher(path(pattern))
                .authorizeHttpRequests(access)
                .httpBasic(b -> b.realmName("Canbao").authenticationEntryPoint(refusals))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, ApiAuthenticationEntryPoint refusals) throws Exception {
        return basicApi(http, "/engine-rest/**", refusals);
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, ApiAuthenticationEntryPoint refusals) throws Exception {
        return basicApi(
                http,
                "/actuator/**",
                refusals,
                a -> a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyRequest()
                        .hasRole(Role.ADMIN.name()));
    }

    /** Canbao's own REST API for automation (imports …): HTTP Basic with the same users, no session. */
    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, ApiAuthenticationEntryPoint refusals) throws Exception {
        return basicApi(http, "/api/**", refusals);
    }

    /**
     * Provider callbacks (Twilio's and Alibaba Cloud's SMS status and replies): no login and no CSRF token — the
     * providers have neither — for these paths only; each controller checks the provider's signature (Twilio) or
     * the secret token of the address (Alibaba Cloud) and refuses the rest with 403.
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
    SecurityFilterChain application(HttpSecurity http, SessionRegistry sessionRegistry, UserSessions sessions)
            throws Exception {
        http.authorizeHttpRequests(a -> a
                        // error dispatches of refused calls (401/403) must render, not redirect to login
                        .requestMatchers(path("/error"))
                        .permitAll()
                        .requestMatchers(path("/camunda/**"))
                        .authenticated()
                        // the field page's shell (issue 20: static files, no data) opens without a session, so the
                        // phone can install and cache it; its data comes from /field/api/**, which needs the login
                        .requestMatchers(path("/field/*"), path("/field/icons/*"))
                        .permitAll())
                // Camunda's webapps carry their own CSRF token filter (CsrfPreventionFilter)
                .csrf(c -> c.ignoringRequestMatchers(path("/camunda/**")))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                // every login session registered by user (no limit on how many), so a change of access ends them;
                // an ended session's request goes on anonymous, like SessionValidityFilter's: pages redirect to
                // the login, Vaadin's own requests get its session-expired answer and reload
                .sessionManagement(s -> s.sessionConcurrency(c -> c.maximumSessions(-1)
                        .sessionRegistry(sessionRegistry)
                        .expiredSessionStrategy(e -> e.getFilterChain().doFilter(e.getRequest(), e.getResponse()))))
                .addFilterAfter(new SessionValidityFilter(sessions), ConcurrentSessionFilter.class)
                // the field page's JSON calls (issue 20) share the login session and its CSRF token; without a
                // session they answer 401, which the page tells apart from being offline, instead of the login page
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), path("/field/api/**")));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }
}
