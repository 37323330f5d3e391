package cn.canbao.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * With the session cookie sent over HTTPS only (the prod profile), a page opened over plain HTTP could never log in:
 * the browser drops the cookie and Vaadin shows an English "cookies disabled" banner without a login form. Such
 * requests get a page saying, in Chinese and then English, that the site must be opened over HTTPS (403).
 * Machine paths (REST APIs, Actuator, provider webhooks) keep no session and pass, so a health check over HTTP
 * still answers. A request counts as HTTPS when the connection is, or a reverse proxy says so in
 * X-Forwarded-Proto / Forwarded — whether Tomcat trusts that proxy or not: this page only explains, the cookie's
 * Secure flag is what protects the session.
 */
@Component
@ConditionalOnProperty(name = "server.servlet.session.cookie.secure", havingValue = "true")
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class HttpsRequiredFilter extends OncePerRequestFilter {

    private static final List<String> MACHINE_PATHS = List.of("/api/", "/engine-rest/", "/actuator/", "/webhooks/");

    private final MessageSource messages;

    HttpsRequiredFilter(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return overHttps(request) || MACHINE_PATHS.stream().anyMatch(path::startsWith);
    }

    static boolean overHttps(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto != null && proto.split(",")[0].trim().equalsIgnoreCase("https")) {
            return true;
        }
        String forwarded = request.getHeader("Forwarded");
        return forwarded != null
                && forwarded
                        .split(",")[0]
                        .toLowerCase(Locale.ROOT)
                        .replace(" ", "")
                        .matches(".*(^|;)proto=\"?https\"?(;|$).*");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(page(httpsAddress(request)));
    }

    /** The same address over HTTPS on its default port (where a TLS-terminating proxy listens). */
    private static String httpsAddress(HttpServletRequest request) {
        String query = request.getQueryString();
        return "https://" + request.getServerName() + request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    String page(String httpsAddress) {
        String link = HtmlUtils.htmlEscape(httpsAddress);
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + text("https.required.title", Locale.SIMPLIFIED_CHINESE) + " · "
                + text("https.required.title", Locale.ENGLISH) + "</title>\n"
                + "<style>body{font-family:system-ui,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;max-width:40em;"
                + "margin:3em auto;padding:0 1em;line-height:1.6;color:#1a2a3a}h1{color:#1676f3;font-size:1.5em}"
                + "h2{font-size:1.1em;margin-top:2em}section+section{border-top:1px solid #d0d7e0;color:#52606d}</style>\n"
                + "</head>\n<body>\n"
                + section("https-required-zh", "zh-CN", "h1", Locale.SIMPLIFIED_CHINESE, link)
                + section("https-required-en", "en", "h2", Locale.ENGLISH, link)
                + "</body>\n</html>\n";
    }

    private String section(String id, String lang, String heading, Locale locale, String link) {
        return "<section id=\"" + id + "\" lang=\"" + lang + "\">\n"
                + "<" + heading + ">" + text("https.required.title", locale) + "</" + heading + ">\n"
                + "<p>" + text("https.required.text", locale) + "</p>\n"
                + "<p><a href=\"" + link + "\">" + text("https.required.link", locale) + "</a></p>\n"
                + "<p>" + text("https.required.admin", locale) + "</p>\n"
                + "</section>\n";
    }

    private String text(String key, Locale locale) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, null, locale));
    }
}
