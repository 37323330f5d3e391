package cn.canbao.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A local stand-in for Twilio's Messages API (create and list), on the JDK's HTTP server, for the real SDK
 * to talk to. Records every create request with the time it arrived; answers with scripted errors when told.
 */
final class TwilioStub implements AutoCloseable {

    static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final DateTimeFormatter RFC2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** One create request as it arrived. */
    record Create(long nanos, Map<String, String> params, String authorization) {
    }

    private final HttpServer server;
    private final List<Create> creates = new ArrayList<>();
    private final List<Map<String, Object>> messages = new ArrayList<>();
    private final Deque<Integer> scriptedStatus = new ArrayDeque<>();
    private final Set<String> invalidNumbers = new HashSet<>();
    private final Supplier<Instant> now;

    TwilioStub(Supplier<Instant> now) throws IOException {
        this.now = now;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2010-04-01/Accounts/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next create requests answer with these HTTP statuses (429, 500 …) before normal service resumes. */
    synchronized void failNext(int... statuses) {
        for (int s : statuses) {
            scriptedStatus.addLast(s);
        }
    }

    /** Creates to this number (E.164) are refused with Twilio's 21211 (invalid 'To' number). */
    synchronized void invalid(String number) {
        invalidNumbers.add(number);
    }

    synchronized List<Create> creates() {
        return List.copyOf(creates);
    }

    /** How many messages Twilio "accepted" for each number. */
    synchronized Map<String, Long> acceptedPerNumber() {
        return messages.stream().collect(Collectors.groupingBy(m -> (String) m.get("to"), Collectors.counting()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.endsWith("/Messages.json")) {
                respond(exchange, 404, "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
                return;
            }
            if ("POST".equals(exchange.getRequestMethod())) {
                create(exchange);
            } else {
                list(exchange);
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String json;
        int status;
        synchronized (this) {
            creates.add(new Create(arrived, params, exchange.getRequestHeaders().getFirst("Authorization")));
            Integer scripted = scriptedStatus.pollFirst();
            if (scripted != null) {
                status = scripted;
                json = "{\"code\":" + (scripted == 429 ? 20429 : 20500) + ",\"message\":\"scripted " + scripted
                        + "\",\"more_info\":\"https://www.twilio.com/docs/errors\",\"status\":" + scripted + "}";
            } else if (invalidNumbers.contains(params.get("To"))) {
                status = 400;
                json = "{\"code\":21211,\"message\":\"The 'To' number " + params.get("To") + " is not a valid phone number.\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}";
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("sid", "SM" + UUID.randomUUID().toString().replace("-", ""));
                m.put("account_sid", ACCOUNT);
                m.put("to", params.get("To"));
                m.put("from", params.get("From"));
                m.put("messaging_service_sid", params.get("MessagingServiceSid"));
                m.put("body", params.get("Body"));
                m.put("status", "queued");
                m.put("direction", "outbound-api");
                m.put("date_created", RFC2822.format(now.get()));
                m.put("api_version", "2010-04-01");
                messages.add(m);
                status = 201;
                json = json(m);
            }
        }
        respond(exchange, status, json);
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String to = query.get("To");
        String records;
        synchronized (this) {
            List<Map<String, Object>> found = new ArrayList<>(messages.stream().filter(m -> m.get("to").equals(to)).toList());
            java.util.Collections.reverse(found); // newest first, as Twilio lists
            records = found.stream().map(TwilioStub::json).collect(Collectors.joining(","));
        }
        String uri = exchange.getRequestURI().toString();
        respond(exchange, 200, "{\"messages\":[" + records + "],\"first_page_uri\":\"" + uri + "\",\"next_page_uri\":null,"
                + "\"previous_page_uri\":null,\"page\":0,\"page_size\":50,\"start\":0,\"end\":0,\"uri\":\"" + uri + "\"}");
    }

    private static String json(Map<String, Object> m) {
        return m.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + (e.getValue() == null ? "null"
                        : "\"" + e.getValue().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\""))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
