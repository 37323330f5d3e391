package cn.canbao.sms.gateway;

import cn.canbao.sms.SmsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Alibaba Cloud SMS (短信服务, API 2017-05-25) over its documented HTTP API — SendSms with the approved template's
 * code, its parameters and the approved signature; QuerySendDetails to find a message again by our OutId — signed
 * as {@link AliyunSignature} describes. Residents' numbers go to a provider in China (PIPL Art. 36, SPEC §6).
 * <p>
 * Not the official SDK ({@code com.aliyun:dysmsapi20170525} 4.1.2 resolves with Java 17 and Spring Boot 3.5): it
 * brings 14 jars, among them OkHttp 3.12, whose client by default repeats a request after a connection failure
 * (the Tea runtime does not turn that off) — a reminder sent twice — and JaCoCo's agent in compile scope. Two calls
 * of a documented API on the JDK's client keep the dispatcher's rule, one attempt per call, in our hands: the JDK
 * client never repeats a POST.
 * <p>
 * Outcomes: {@code OK} → accepted (BizId); flow control ({@code isv.BUSINESS_LIMIT_CONTROL}, the per-number limits
 * per minute, hour and day) and account or configuration faults (balance, signature or template not approved, keys)
 * → retried after the backoff, certainly not taken; an invalid or blacklisted number → failed, never retried;
 * a 5xx, {@code isp.*}, an unreadable answer or a network fault → unknown: looked up by OutId before any resend.
 */
public class AliyunGateway implements SmsGateway {

    static final String VERSION = "2017-05-25";
    private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneId.of("UTC"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** QuerySendDetails returns at most 50 a page; a number gets a handful a day. */
    private static final int PAGE_SIZE = 50;

    private static final int MAX_PAGES = 20;

    /** The recipient's own problem: it will not change on a retry. */
    static final Set<String> RECIPIENT_REFUSED = Set.of(
            "isv.MOBILE_NUMBER_ILLEGAL",
            "isv.BLACK_KEY_CONTROL_LIMIT",
            "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
            "isv.MOBILE_COUNT_OVER_LIMIT",
            "isv.BLACKLIST_CONTROL");
    /**
     * Our account cannot send at all: keys, signature, account, balance, the approved signature. The dispatcher pauses
     * for an operator instead of spending every message's attempts on it.
     */
    static final Set<String> ACCOUNT_REFUSED = Set.of(
            "InvalidAccessKeyId.NotFound",
            "InvalidAccessKeyId.Inactive",
            "SignatureDoesNotMatch",
            "IncompleteSignature",
            "Forbidden.RAM",
            "Forbidden.NoPermission",
            "isv.ACCOUNT_NOT_EXISTS",
            "isv.ACCOUNT_ABNORMAL",
            "isv.OUT_OF_SERVICE",
            "isv.AMOUNT_NOT_ENOUGH",
            "isv.SMS_SIGNATURE_ILLEGAL",
            "isv.SMS_SIGN_ILLEGAL",
            "isp.RAM_PERMISSION_DENY");
    /** Flow control: the provider's limits per number and account; the message was not taken. */
    static final Set<String> THROTTLED = Set.of(
            "isv.BUSINESS_LIMIT_CONTROL",
            "isv.DAY_LIMIT_CONTROL",
            "isv.MONTH_LIMIT_CONTROL",
            "Throttling",
            "Throttling.User",
            "Throttling.Api");

    private final SmsSettings.Aliyun account;
    private final ZoneId zone;
    private final Clock clock;
    private final HttpClient http;

    public AliyunGateway(SmsSettings.Aliyun account, ZoneId zone, Clock clock) {
        if (blank(account.accessKeyId()) || blank(account.accessKeySecret()) || blank(account.signName())) {
            throw new IllegalStateException("canbao.sms.gateway=aliyun needs canbao.sms.aliyun.access-key-id, "
                    + "access-key-secret (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET in the environment) and sign-name");
        }
        this.account = account;
        this.zone = zone;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(account.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The dispatcher's hook for the send under way on this thread (see {@link SmsGateway#send(Outgoing, Runnable)}). */
    private static final ThreadLocal<Runnable> LEAVING = new ThreadLocal<>();

    @Override
    public Outcome send(Outgoing message, Runnable leaving) {
        LEAVING.set(leaving);
        try {
            return send(message);
        } finally {
            LEAVING.remove();
        }
    }

    @Override
    public Outcome send(Outgoing message) {
        if (blank(message.providerTemplate()) || blank(message.templateParams())) {
            // enqueued while another gateway was chosen: there is no approved template to send it with
            return new Rejected(null, "no approved template: enqueued before canbao.sms.gateway=aliyun");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "SendSms");
        params.put("PhoneNumbers", domestic(message.to()));
        params.put("SignName", account.signName().trim());
        params.put("TemplateCode", message.providerTemplate());
        params.put("TemplateParam", message.templateParams());
        params.put("OutId", message.idempotencyKey());
        HttpResponse<String> response;
        try {
            response = call(params);
        } catch (IOException e) {
            return new Unknown(null, "network: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unknown(null, "interrupted");
        }
        return outcome(response.statusCode(), response.body(), clock.instant(), zone);
    }

    /**
     * What a SendSms answer means for us (see the class comment). Flow control per number by the hour or the day
     * (the provider's message says 小时级 / 天级) is not tried again before the next hour or day begins, China time.
     */
    static Outcome outcome(int status, String body, Instant now, ZoneId zone) {
        JsonNode json = parse(body);
        String code = json == null ? null : text(json, "Code");
        String message = json == null ? null : text(json, "Message");
        String described = (code == null ? "HTTP " + status : code) + (message == null ? "" : ": " + message);
        if (code != null && ACCOUNT_REFUSED.contains(code)) {
            return new Halt(null, described);
        }
        if (code == null
                || status >= 500
                || code.startsWith("isp.")
                || code.equals("ServiceUnavailable")
                || code.startsWith("InternalError")) {
            return new Unknown(status >= 400 ? status : null, described);
        }
        if (code.equals("OK")) {
            String bizId = text(json, "BizId");
            return bizId == null ? new Unknown(null, "OK without a BizId") : new Accepted(bizId, "accepted");
        }
        if (RECIPIENT_REFUSED.contains(code)) {
            return new Rejected(null, described);
        }
        // flow control, and every other refusal the provider answers with a code: not taken; retried after the
        // backoff (a balance topped up, a template approved) until the attempts run out
        return new Retry(status == 429 ? 429 : null, described, limitEnds(code, message, now, zone));
    }

    /** When the provider's per-number limit of the hour or the day ends; null for any other refusal. */
    static Instant limitEnds(String code, String message, Instant now, ZoneId zone) {
        if (!THROTTLED.contains(code) || message == null) {
            return null;
        }
        java.time.ZonedDateTime local = now.atZone(zone);
        if (message.contains("天级") || code.equals("isv.DAY_LIMIT_CONTROL")) {
            return local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        }
        if (message.contains("小时级")) {
            return local.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                    .plusHours(1)
                    .toInstant();
        }
        return null;
    }

    /** The JDK client's connection timeout and then its request timeout, both {@code timeout}. */
    @Override
    public Duration longestCall() {
        return account.timeout().multipliedBy(2);
    }

    /** Our message at the provider, by its OutId among the messages to the number on the day(s) we sent it. */
    @Override
    public Optional<Accepted> find(Outgoing message) {
        Set<LocalDate> days = new LinkedHashSet<>();
        days.add(LocalDate.ofInstant(message.attemptAt(), zone));
        days.add(LocalDate.ofInstant(message.attemptAt().plus(Duration.ofMinutes(5)), zone));
        for (LocalDate day : days) {
            for (int page = 1; page <= MAX_PAGES; page++) {
                JsonNode answer = query(domestic(message.to()), day, page);
                JsonNode details = answer.path("SmsSendDetailDTOs").path("SmsSendDetailDTO");
                for (JsonNode d : details) {
                    if (message.idempotencyKey().equals(text(d, "OutId"))) {
                        return Optional.of(new Accepted("aliyun-out:" + message.idempotencyKey(), status(d)));
                    }
                }
                if (details.size() < PAGE_SIZE
                        || (long) page * PAGE_SIZE >= answer.path("TotalCount").asLong()) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private JsonNode query(String phone, LocalDate day, int page) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "QuerySendDetails");
        params.put("PhoneNumber", phone);
        params.put("SendDate", SEND_DATE.format(day));
        params.put("PageSize", String.valueOf(PAGE_SIZE));
        params.put("CurrentPage", String.valueOf(page));
        try {
            HttpResponse<String> response = call(params);
            JsonNode json = parse(response.body());
            if (response.statusCode() != 200 || json == null || !"OK".equals(text(json, "Code"))) {
                throw new IllegalStateException("QuerySendDetails answered " + response.statusCode() + " "
                        + (json == null ? "" : text(json, "Code") + ": " + text(json, "Message")));
            }
            return json;
        } catch (IOException e) {
            throw new IllegalStateException("QuerySendDetails: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("QuerySendDetails interrupted", e);
        }
    }

    /** SendStatus 1 waiting for the receipt, 2 failed, 3 delivered. */
    private static String status(JsonNode detail) {
        return switch (detail.path("SendStatus").asInt()) {
            case 3 -> "delivered";
            case 2 -> "undelivered";
            default -> "accepted";
        };
    }

    /** One signed POST (form body) to the endpoint; the JDK client sends it once. */
    private HttpResponse<String> call(Map<String, String> action) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>(action);
        params.put("AccessKeyId", account.accessKeyId().trim());
        params.put("Format", "JSON");
        params.put("RegionId", account.regionId());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("SignatureVersion", "1.0");
        params.put("Timestamp", TIMESTAMP.format(clock.instant()));
        params.put("Version", VERSION);
        String form = AliyunSignature.canonicalQuery(params) + "&Signature="
                + AliyunSignature.percentEncode(AliyunSignature.sign(
                        "POST", params, account.accessKeySecret().trim()));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(account.endpoint().replaceAll("/+$", "") + "/"))
                .timeout(account.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        Runnable leaving = LEAVING.get();
        if (leaving != null) {
            leaving.run(); // signed and built: it leaves now (the JDK client opens a connection first if it has none)
        }
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The provider takes mainland numbers without the country code. */
    static String domestic(String e164) {
        return e164.startsWith("+86") ? e164.substring(3) : e164;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public String name() {
        return "aliyun";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
