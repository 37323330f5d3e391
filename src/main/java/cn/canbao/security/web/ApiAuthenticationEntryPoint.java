package cn.canbao.security.web;

import cn.canbao.security.login.LoginThrottle;
import cn.canbao.security.login.LoginThrottledException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * How the HTTP Basic doors ({@code /api}, {@code /engine-rest}, Actuator) refuse a caller, as problem+json:
 * 401 with the Basic challenge for missing or wrong credentials — one body whether the account is unknown,
 * disabled or the password wrong — and 429 with {@code Retry-After} while the {@link LoginThrottle} has the
 * account name or the address locked.
 */
@Component
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final ObjectMapper json;

    ApiAuthenticationEntryPoint(MessageSource messages, LocaleResolver locales, ObjectMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        HttpStatus status;
        String detail;
        if (refused instanceof LoginThrottledException throttled) {
            status = HttpStatus.TOO_MANY_REQUESTS;
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            detail = messages.getMessage("login.error.throttled", new Object[] {throttled.retryAfterMinutes()}, locale);
        } else {
            status = HttpStatus.UNAUTHORIZED;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Canbao\"");
            detail = messages.getMessage("api.error.unauthorized", null, locale);
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), problem);
    }
}
