package cn.canbao.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * With the session cookie over HTTPS only, a page asked for over plain HTTP answers 403 with the explanation in
 * Chinese first and English under it; HTTPS (direct or as a proxy says) and machine paths pass untouched.
 */
class HttpsRequiredFilterTest {

    private final HttpsRequiredFilter filter = new HttpsRequiredFilter(messages());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void aPageOverPlainHttpExplainsInChineseThenEnglish() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
        request.setServerName("canbao.example.cn");
        request.setServerPort(8080);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("passed on").isNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("text/html");
        String page = response.getContentAsString();
        assertThat(page)
                .contains(
                        "<html lang=\"zh-CN\">",
                        "请使用 HTTPS 打开参保通",
                        "把地址栏中的 http:// 改为 https://",
                        "Please open Canbao over HTTPS",
                        "href=\"https://canbao.example.cn/login\"");
        assertThat(page.indexOf("请使用 HTTPS 打开参保通", page.indexOf("<body>")))
                .isLessThan(page.indexOf("Please open Canbao over HTTPS", page.indexOf("<body>")));
    }

    @Test
    void httpsAndMachinePathsPass() throws Exception {
        MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/login");
        secure.setSecure(true);
        MockHttpServletRequest proxied = new MockHttpServletRequest("GET", "/dashboard");
        proxied.addHeader("X-Forwarded-Proto", "https");
        MockHttpServletRequest forwarded = new MockHttpServletRequest("GET", "/");
        forwarded.addHeader("Forwarded", "for=10.0.0.1;proto=https;host=canbao.example.cn");
        MockHttpServletRequest health = new MockHttpServletRequest("GET", "/actuator/health");
        MockHttpServletRequest api = new MockHttpServletRequest("POST", "/api/imports");
        MockHttpServletRequest webhook = new MockHttpServletRequest("POST", "/webhooks/twilio/status");
        for (MockHttpServletRequest request :
                new MockHttpServletRequest[] {secure, proxied, forwarded, health, api, webhook}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, chain);
            assertThat(chain.getRequest()).as(request.getRequestURI()).isSameAs(request);
            assertThat(response.getStatus()).as(request.getRequestURI()).isEqualTo(200);
        }
    }

    @Test
    void aProxyThatSaysHttpDoesNotCountAsHttps() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
        request.addHeader("X-Forwarded-Proto", "http");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(403);
    }
}
