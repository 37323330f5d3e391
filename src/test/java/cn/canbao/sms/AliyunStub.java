package cn.canbao.sms;

import cn.canbao.sms.gateway.AliyunSignature;
import cn.canbao.sms.templates.ApprovedTemplates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * A local stand-in for Alibaba Cloud's SMS API (SendSms and QuerySendDetails) on the JDK's HTTP server. It checks
 * each request's signature as the provider does, fills the approved template behind the signature as the provider
 * would deliver it, keeps the messages by day and OutId for the lookup, and answers with scripted faults when told.
 */
final class AliyunStub implements AutoCloseable {

    static final String ACCESS_KEY_ID = "LTAI-stub-key-id";
    static final String ACCESS_KEY_SECRET = "stub-secret-not-a-secret";
    static final String SIGN_NAME = "永春县医保局";
    static final String FIRST_CODE = "SMS_480000001";
    static final String SECOND_CODE = "SMS_480000002";
    static final String HOUSEHOLD_FIRST_CODE = "SMS_480000003";
    static final String HOUSEHOLD_SECOND_CODE = "SMS_480000004";
    static final String STAFF_CODE = "SMS_480000005";
    /** The approved texts, in the provider's syntax; {@code fee} is filled with our {@code amount}. */
    static final Map<String, String> APPROVED = Map.of(
            FIRST_CODE, "您好，城乡居民医保集中缴费期至${deadline}，个人缴费${fee}元，可通过${channels}缴纳。${consequence}。回复TD退订",
            SECOND_CODE, "您好，再次提醒：居民医保缴费将于${deadline}截止，您尚未缴费（${fee}元），请尽快通过${channels}缴纳，" + "${consequence}。回复TD退订",
            HOUSEHOLD_FIRST_CODE,
                    "您好，您家中${members}尚未缴纳城乡居民医保费，合计${fee}元，集中缴费期至${deadline}，"
                            + "可通过${channels}缴纳。${consequence}。回复TD退订",
            HOUSEHOLD_SECOND_CODE,
                    "您好，再次提醒：居民医保缴费将于${deadline}截止，您家中${members}尚未缴费（合计${fee}元），"
                            + "请尽快通过${channels}缴纳，${consequence}。回复TD退订",
            STAFF_CODE, "您有新的${kind}，请登录参保系统查看。");

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the next SendSms calls get instead of normal service. */
    enum Fault {
        THROTTLE,
        THROTTLE_DAY,
        HTTP_500,
        ACCEPT_THEN_500
    }

    /** One SendSms as it arrived, and what the provider made of it (null content when refused). */
    record Send(long nanos, Map<String, String> params, boolean signatureValid, String content, String bizId) {}

    private record Kept(String phone, String outId, LocalDate day, String content, String templateCode) {}

    private final HttpServer server;
    private final Supplier<Instant> now;
    private final List<Send> sends = new ArrayList<>();
    private final List<Map<String, String>> queries = new ArrayList<>();
    private final List<Kept> kept = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Set<String> invalid = new HashSet<>();
    private final Set<String> blacklisted = new HashSet<>();

    AliyunStub(Supplier<Instant> now) throws IOException {
        this.now = now;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The approved templates as the settings hold them (kinds in kebab case, parameter → our variable). */
    static Map<String, SmsSettings.ApprovedTemplate> approvedTemplates() {
        return Map.of(
                "reminder-first",
                new SmsSettings.ApprovedTemplate(FIRST_CODE, APPROVED.get(FIRST_CODE), Map.of("fee", "amount")),
                "reminder-second",
                new SmsSettings.ApprovedTemplate(SECOND_CODE, APPROVED.get(SECOND_CODE), Map.of("fee", "amount")),
                "household-first",
                new SmsSettings.ApprovedTemplate(
                        HOUSEHOLD_FIRST_CODE, APPROVED.get(HOUSEHOLD_FIRST_CODE), Map.of("fee", "amount")),
                "household-second",
                new SmsSettings.ApprovedTemplate(
                        HOUSEHOLD_SECOND_CODE, APPROVED.get(HOUSEHOLD_SECOND_CODE), Map.of("fee", "amount")));
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void fail(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** SendSms to this number (11 digits) answers isv.MOBILE_NUMBER_ILLEGAL. */
    synchronized void invalid(String phone) {
        invalid.add(phone);
    }

    /** SendSms to this number answers isv.BLACK_KEY_CONTROL_LIMIT (the number is on the carriers' blacklist). */
    synchronized void blacklist(String phone) {
        blacklisted.add(phone);
    }

    synchronized List<Send> sends() {
        return List.copyOf(sends);
    }

    synchronized List<Map<String, String>> queries() {
        return List.copyOf(queries);
    }

    /** How many messages the provider took for each number. */
    synchronized Map<String, Long> keptPerNumber() {
        return kept.stream().collect(Collectors.groupingBy(Kept::phone, Collectors.counting()));
    }

    /** The texts the provider delivered, as the residents read them. */
    synchronized List<String> delivered() {
        return kept.stream().map(Kept::content).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrived = System.nanoTime();
            Map<String, String> params =
                    FormEncoding.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean signed = params.containsKey("Signature")
                    && "POST".equals(exchange.getRequestMethod())
                    && params.get("Signature").equals(AliyunSignature.sign("POST", params, ACCESS_KEY_SECRET))
                    && ACCESS_KEY_ID.equals(params.get("AccessKeyId"))
                    && "2017-05-25".equals(params.get("Version"))
                    && "HMAC-SHA1".equals(params.get("SignatureMethod"))
                    && params.containsKey("SignatureNonce")
                    && params.containsKey("Timestamp");
            String action = params.getOrDefault("Action", "");
            if (!signed) {
                synchronized (this) {
                    if (action.equals("SendSms")) {
                        sends.add(new Send(arrived, params, false, null, null));
                    }
                }
                respond(
                        exchange,
                        400,
                        "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched\"}");
                return;
            }
            switch (action) {
                case "SendSms" -> send(exchange, arrived, params);
                case "QuerySendDetails" -> query(exchange, params);
                default -> respond(exchange, 400, "{\"Code\":\"InvalidAction.NotFound\"}");
            }
        }
    }

    private void send(HttpExchange exchange, long arrived, Map<String, String> params) throws IOException {
        String phone = params.get("PhoneNumbers");
        int status = 200;
        String json;
        synchronized (this) {
            Fault fault = faults.pollFirst();
            if (fault == Fault.THROTTLE) {
                sends.add(new Send(arrived, params, true, null, null));
                json = answer("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1", null);
            } else if (fault == Fault.THROTTLE_DAY) {
                sends.add(new Send(arrived, params, true, null, null));
                json = answer("isv.BUSINESS_LIMIT_CONTROL", "触发天级流控Permits:10", null);
            } else if (fault == Fault.HTTP_500) {
                sends.add(new Send(arrived, params, true, null, null));
                status = 500;
                json = answer("InternalError", "The request processing has failed due to some unknown error.", null);
            } else if (invalid.contains(phone)) {
                sends.add(new Send(arrived, params, true, null, null));
                json = answer("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号", null);
            } else if (blacklisted.contains(phone)) {
                sends.add(new Send(arrived, params, true, null, null));
                json = answer("isv.BLACK_KEY_CONTROL_LIMIT", "黑名单管控", null);
            } else {
                String content = "【" + params.get("SignName") + "】"
                        + fill(APPROVED.get(params.get("TemplateCode")), params.get("TemplateParam"));
                String bizId = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "^0";
                sends.add(new Send(arrived, params, true, content, bizId));
                kept.add(new Kept(
                        phone,
                        params.get("OutId"),
                        LocalDate.ofInstant(now.get(), CHINA),
                        content,
                        params.get("TemplateCode")));
                if (fault == Fault.ACCEPT_THEN_500) {
                    status = 500; // taken, but the answer is lost
                    json = answer("InternalError", "gateway timeout after accept", null);
                } else {
                    json = answer("OK", "OK", bizId);
                }
            }
        }
        respond(exchange, status, json);
    }

    private void query(HttpExchange exchange, Map<String, String> params) throws IOException {
        String phone = params.get("PhoneNumber");
        LocalDate day = LocalDate.parse(params.get("SendDate"), DateTimeFormatter.BASIC_ISO_DATE);
        int size = Integer.parseInt(params.get("PageSize"));
        int page = Integer.parseInt(params.get("CurrentPage"));
        String details;
        int total;
        synchronized (this) {
            queries.add(params);
            List<Kept> found = kept.stream()
                    .filter(k -> k.phone().equals(phone) && k.day().equals(day))
                    .toList();
            total = found.size();
            details = found.stream()
                    .skip((long) (page - 1) * size)
                    .limit(size)
                    .map(k -> "{\"PhoneNum\":\"" + k.phone()
                            + "\",\"SendStatus\":1,\"ErrCode\":\"\",\"TemplateCode\":\""
                            + k.templateCode() + "\",\"Content\":\"" + k.content() + "\",\"SendDate\":\"" + k.day()
                            + " 10:00:00\",\"ReceiveDate\":\"\",\"OutId\":\"" + k.outId() + "\"}")
                    .collect(Collectors.joining(","));
        }
        respond(
                exchange,
                200,
                "{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"" + UUID.randomUUID() + "\",\"TotalCount\":"
                        + total + ",\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[" + details + "]}}");
    }

    /** The approved text with the request's parameters, as the provider fills it. */
    private static String fill(String template, String paramsJson) throws IOException {
        if (template == null) {
            return null;
        }
        JsonNode values = JSON.readTree(paramsJson);
        Matcher m = ApprovedTemplates.PROVIDER_PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    out, Matcher.quoteReplacement(values.path(m.group(1)).asText("${" + m.group(1) + "}")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String answer(String code, String message, String bizId) {
        return "{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"RequestId\":\"" + UUID.randomUUID() + "\""
                + (bizId == null ? "" : ",\"BizId\":\"" + bizId + "\"") + "}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
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
