package cn.canbao.sms.gateway;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The SDK's own HTTP client with two changes: one attempt per call — the SDK would silently repeat a
 * request on a 5xx, and Apache HttpClient 5 underneath it repeats one on 429 and 503, either of which could
 * send a reminder twice; our dispatcher retries, after asking Twilio what it already has — and, when configured, another base address than https://api.twilio.com (a proxy; the
 * tests' local stub of the Messages API).
 */
class TwilioHttpClient extends NetworkHttpClient {

    static final String TWILIO_API = "https://api.twilio.com";
    /** The dispatcher's hook for the send under way on this thread: run right before the request is written. */
    private static final ThreadLocal<Runnable> LEAVING = new ThreadLocal<>();
    /** The Retry-After header of this thread's last answer with status 429 (the SDK's exception does not carry it). */
    private static final ThreadLocal<String> RETRY_AFTER = new ThreadLocal<>();

    private final String apiBaseUrl;

    TwilioHttpClient(String apiBaseUrl, int connections) {
        super(builder(connections));
        this.apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? null : apiBaseUrl.replaceAll("/+$", "");
    }

    /**
     * One connection per sender (and a few for lookups): with the SDK's default of 10 per route, 100/s at 300 ms
     * waited for connections, and at 2.5 s sends timed out waiting for one.
     */
    private static HttpClientBuilder builder(int connections) {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setDefaultSocketConfig(HttpClient.DEFAULT_SOCKET_CONFIG);
        pool.setDefaultMaxPerRoute(Math.max(10, connections + 4));
        pool.setMaxTotal(Math.max(20, connections + 8));
        return HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setRequestExecutor(new HttpRequestExecutor() {
                    @Override
                    public ClassicHttpResponse execute(
                            ClassicHttpRequest request,
                            HttpClientConnection connection,
                            HttpResponseInformationCallback informationCallback,
                            HttpContext context)
                            throws IOException, HttpException {
                        Runnable leaving = LEAVING.get();
                        if (leaving != null) {
                            leaving.run(); // the connection is open (ConnectExec ran): the request goes out now
                        }
                        return super.execute(request, connection, informationCallback, context);
                    }
                })
                .setConnectionManager(pool)
                .setDefaultRequestConfig(HttpClient.DEFAULT_REQUEST_CONFIG);
    }

    /** Runs the call with {@code leaving} called right before its request is written to the connection. */
    static <T> T leaving(Runnable leaving, java.util.function.Supplier<T> call) {
        LEAVING.set(leaving);
        try {
            return call.get();
        } finally {
            LEAVING.remove();
        }
    }

    /** The Retry-After header of the calling thread's last 429 (null: none). */
    static String lastRetryAfter() {
        return RETRY_AFTER.get();
    }

    @Override
    public Response reliableRequest(Request request) {
        return remember(makeRequest(rewrite(request)));
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return remember(makeRequest(rewrite(request)));
    }

    private static Response remember(Response response) {
        RETRY_AFTER.remove();
        if (response != null && response.getStatusCode() == 429 && response.getHeaders() != null) {
            for (var header : response.getHeaders()) {
                if ("Retry-After".equalsIgnoreCase(header.getName())) {
                    RETRY_AFTER.set(header.getValue());
                }
            }
        }
        return response;
    }

    private Request rewrite(Request request) {
        if (apiBaseUrl == null || !request.getUrl().startsWith(TWILIO_API)) {
            return request;
        }
        Request copy =
                new Request(request.getMethod(), apiBaseUrl + request.getUrl().substring(TWILIO_API.length()));
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
