package cn.canbao.sms;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;

/**
 * The SDK's own HTTP client with two changes: one attempt per call — the SDK would silently repeat a
 * request on a 5xx, and Apache HttpClient 5 underneath it repeats one on 429 and 503, either of which could
 * send a reminder twice; our dispatcher retries, after asking Twilio what it already has — and, when configured, another base address than https://api.twilio.com (a proxy; the
 * tests' local stub of the Messages API).
 */
class TwilioHttpClient extends NetworkHttpClient {

    static final String TWILIO_API = "https://api.twilio.com";

    private final String apiBaseUrl;

    TwilioHttpClient(String apiBaseUrl) {
        super(builder());
        this.apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? null : apiBaseUrl.replaceAll("/+$", "");
    }

    private static HttpClientBuilder builder() {
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
        connections.setDefaultSocketConfig(HttpClient.DEFAULT_SOCKET_CONFIG);
        connections.setDefaultMaxPerRoute(10);
        connections.setMaxTotal(20);
        return HttpClientBuilder.create().useSystemProperties().disableAutomaticRetries()
                .setConnectionManager(connections).setDefaultRequestConfig(HttpClient.DEFAULT_REQUEST_CONFIG);
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(rewrite(request));
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(rewrite(request));
    }

    private Request rewrite(Request request) {
        if (apiBaseUrl == null || !request.getUrl().startsWith(TWILIO_API)) {
            return request;
        }
        Request copy = new Request(request.getMethod(), apiBaseUrl + request.getUrl().substring(TWILIO_API.length()));
        request.getQueryParams().forEach((k, values) -> values.forEach(v -> copy.addQueryParam(k, v)));
        request.getPostParams().forEach((k, values) -> values.forEach(v -> copy.addPostParam(k, v)));
        request.getHeaderParams().forEach((k, values) -> values.forEach(v -> copy.addHeaderParam(k, v)));
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        if (request.getContentType() != null) {
            copy.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        return copy;
    }
}
