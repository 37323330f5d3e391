package cn.canbao.sms;

import java.io.IOException;
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
    private static final DateTimeFormatter RFC2822 = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** One create request as it arrived. */
    record Create(long nanos, Map<String, String> params, String authorization) {}

    private final StubHttpServer server;
    private final List<Create> creates = new ArrayList<>();
    private final List<Map<String, Object>> messages = new ArrayList<>();
    private final Deque<Integer> scriptedStatus = new ArrayDeque<>();
    /** Scripted refusals with Twilio's own code and, for a 429, a Retry-After header. */
    private final Deque<Refusal> refusals = new ArrayDeque<>();

    private volatile boolean listsFail;
    private volatile Refusal refuseAll;
    private volatile int lists;

    record Refusal(int status, int code, String retryAfter) {}

    private final Set<String> invalidNumbers = new HashSet<>();
    private final Supplier<Instant> now;
    /** How long the stub thinks before it answers a create (a provider's latency); the arrival is recorded first. */
    private volatile java.time.Duration latency = java.time.Duration.ZERO;

    TwilioStub(Supplier<Instant> now) throws IOException {
        this.now = now;
        server = new StubHttpServer(this::handle);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The next create requests answer with these HTTP statuses (429, 500 …) before normal service resumes. */
    synchronized void failNext(int... statuses) {
        for (int s : statuses) {
            scriptedStatus.addLast(s);
        }
    }

    /** Every create answers only after this delay (Twilio's own latency), measured from its arrival. */
    void latency(java.time.Duration delay) {
        latency = delay;
    }

    /** The next creates are refused like this (HTTP status, Twilio's code, Retry-After or null), one each. */
    synchronized void refuseNext(Refusal... next) {
        refusals.addAll(java.util.List.of(next));
    }

    /** Every create is refused like this while set (null: served again). */
    void refuseAll(Refusal refusal) {
        refuseAll = refusal;
    }

    /** Every list (lookup) request answers 500 while set. */
    void failLists(boolean fail) {
        listsFail = fail;
    }

    /** How many list (lookup) requests arrived, pages included. */
    int lists() {
        return lists;
    }

    /** A message Twilio "took" earlier, to the number, with the body, created at the time (for lookups). */
    synchronized void preexisting(String to, String body, Instant created) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        m.put("account_sid", ACCOUNT);
        m.put("to", to);
        m.put("from", null);
        m.put("messaging_service_sid", "MG00000000000000000000000000000001");
        m.put("body", body);
        m.put("status", "delivered");
        m.put("direction", "outbound-api");
        m.put("date_created", RFC2822.format(created));
        m.put("api_version", "2010-04-01");
        messages.add(m);
    }

    /** Creates to this number (E.164) are refused with Twilio's 21211 (invalid 'To' number). */
    synchronized void invalid(String number) {
        invalidNumbers.add(number);
    }

    synchronized List<Create> creates() {
        return List.copyOf(creates);
    }

    /** The most create requests that arrived within any one second. */
    synchronized int busiestSecond() {
        long[] t = creates.stream().mapToLong(Create::nanos).sorted().toArray();
        int best = 0;
        for (int lo = 0, hi = 0; hi < t.length; hi++) {
            while (t[hi] - t[lo] >= 1_000_000_000L) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best;
    }

    /** How many messages Twilio "accepted" for each number. */
    synchronized Map<String, Long> acceptedPerNumber() {
        return messages.stream().collect(Collectors.groupingBy(m -> (String) m.get("to"), Collectors.counting()));
    }

    private StubHttpServer.Response handle(StubHttpServer.Request request) throws IOException {
        String path = request.uri().getPath();
        if (!path.startsWith("/2010-04-01/Accounts/") || !path.endsWith("/Messages.json")) {
            return respond(404, "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
        }
        return "POST".equals(request.method()) ? create(request) : list(request);
    }

    private StubHttpServer.Response create(StubHttpServer.Request request) {
        long arrived = request.arrived();
        Map<String, String> params = FormEncoding.decode(new String(request.body(), StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        String json;
        int status;
        synchronized (this) {
            creates.add(new Create(arrived, params, request.header("Authorization")));
            Integer scripted = scriptedStatus.pollFirst();
            Refusal refusal = scripted == null ? (refuseAll != null ? refuseAll : refusals.pollFirst()) : null;
            if (refusal != null) {
                status = refusal.status();
                json = "{\"code\":" + refusal.code() + ",\"message\":\"scripted " + refusal.code()
                        + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + refusal.code() + "\",\"status\":"
                        + refusal.status() + "}";
                if (refusal.retryAfter() != null) {
                    headers.put("Retry-After", refusal.retryAfter());
                }
            } else if (scripted != null) {
                status = scripted;
                json = "{\"code\":" + (scripted == 429 ? 20429 : 20500) + ",\"message\":\"scripted " + scripted
                        + "\",\"more_info\":\"https://www.twilio.com/docs/errors\",\"status\":" + scripted + "}";
            } else if (invalidNumbers.contains(params.get("To"))) {
                status = 400;
                json = "{\"code\":21211,\"message\":\"The 'To' number " + params.get("To")
                        + " is not a valid phone number.\","
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
        long wait = latency.toNanos() - (System.nanoTime() - arrived);
        if (wait > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return respond(status, json, headers);
    }

    /** Newest first, as Twilio lists, in pages of PageSize (default 50) with a next_page_uri while more remain. */
    private StubHttpServer.Response list(StubHttpServer.Request request) {
        lists++;
        if (listsFail) {
            return respond(500, "{\"code\":20500,\"message\":\"scripted list failure\",\"status\":500}");
        }
        Map<String, String> query = FormEncoding.decode(request.uri().getRawQuery());
        String to = query.get("To");
        int size = Integer.parseInt(query.getOrDefault("PageSize", "50"));
        int page = Integer.parseInt(query.getOrDefault("Page", "0"));
        String records;
        boolean more;
        synchronized (this) {
            List<Map<String, Object>> found = new ArrayList<>(
                    messages.stream().filter(m -> m.get("to").equals(to)).toList());
            java.util.Collections.reverse(found);
            int from = Math.min(found.size(), page * size);
            int until = Math.min(found.size(), from + size);
            more = until < found.size();
            records = found.subList(from, until).stream().map(TwilioStub::json).collect(Collectors.joining(","));
        }
        String path = request.uri().getPath();
        String base = path + "?To=" + java.net.URLEncoder.encode(to, StandardCharsets.UTF_8) + "&PageSize=" + size;
        String uri = base + "&Page=" + page;
        String next = more ? "\"" + base + "&Page=" + (page + 1) + "&PageToken=PA" + (page + 1) + "\"" : "null";
        return respond(
                200,
                "{\"messages\":[" + records + "],\"first_page_uri\":\"" + base + "&Page=0\","
                        + "\"next_page_uri\":" + next + ",\"previous_page_uri\":null,\"page\":" + page
                        + ",\"page_size\":"
                        + size + ",\"start\":0,\"end\":0,\"uri\":\"" + uri + "\"}");
    }

    private static String json(Map<String, Object> m) {
        return m.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":"
                        + (e.getValue() == null
                                ? "null"
                                : "\""
                                        + e.getValue()
                                                .toString()
                                                .replace("\\", "\\\\")
                                                .replace("\"", "\\\"") + "\""))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static StubHttpServer.Response respond(int status, String json) {
        return respond(status, json, new LinkedHashMap<>());
    }

    private static StubHttpServer.Response respond(int status, String json, Map<String, String> headers) {
        headers.put("Content-Type", "application/json");
        return new StubHttpServer.Response(status, headers, json);
    }

    @Override
    public void close() {
        server.close();
    }
}
