package cn.canbao.sms;

import cn.canbao.sms.dispatch.RateLimiter;
import cn.canbao.sms.templates.SmsText;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code canbao.sms.*}: which gateway, the dispatcher's rules and the providers' accounts (keys from the
 * environment, never from git). See README "SMS".
 *
 * @param gateway         {@code local} (records messages in a table; the default), {@code twilio} or {@code aliyun}
 *                        (Alibaba Cloud SMS: residents' numbers stay in China, PIPL Art. 36; SPEC §6)
 * @param ratePerSecond   messages per second, never exceeded in any one-second window
 * @param quietStart      no sending from this local time …
 * @param quietEnd        … until this one (the window may span midnight), both in the application clock's zone
 *                        ({@code canbao.zone})
 * @param personInterval  at most one message per person in this span (later ones are deferred)
 * @param identicalMax    at most this many identical texts to one number …
 * @param identicalWindow … in this span (Twilio refuses a third identical text to a Chinese number in 24 h)
 * @param maxAttempts     sends tried before a message fails for good
 * @param backoff         first wait after a refused or unknown send, doubled each attempt …
 * @param backoffMax      … up to this
 * @param reconcileAfter  a message left SENDING (crash, unknown outcome) is looked up at the provider after this; longer
 *                        than the gateway's longest call (Twilio's SDK: 50.5 s), checked at start-up
 * @param batchSize       messages claimed per transaction
 * @param maxLookups      lookups of a message whose outcome is unknown before it goes to the operator's queue
 */
@ConfigurationProperties("canbao.sms")
public record SmsSettings(
        @DefaultValue("local") String gateway,
        @DefaultValue("10") int ratePerSecond,
        @DefaultValue("21:00") LocalTime quietStart,
        @DefaultValue("08:00") LocalTime quietEnd,
        @DefaultValue("3d") Duration personInterval,
        @DefaultValue("2") int identicalMax,
        @DefaultValue("24h") Duration identicalWindow,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration backoff,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("2m") Duration reconcileAfter,
        @DefaultValue("200") int batchSize,
        @DefaultValue("8") int maxLookups,
        @DefaultValue Dispatcher dispatcher,
        @DefaultValue Twilio twilio,
        @DefaultValue Aliyun aliyun) {

    /**
     * The background worker: on in the application, off in tests (they drive the dispatcher themselves).
     * {@code senders} requests may be in flight at once; 0 (the default) means twice the rate, enough to keep the rate
     * with a provider answering in up to two seconds (one at a time could never reach it at 300 ms). The rate limit
     * holds whatever their number; set it below the provider's own concurrency limit if it has one.
     * {@code arrivalSpread}: by how much the time a request takes to reach the provider may differ between requests;
     * the rate limit at the provider rests on it ({@link RateLimiter}); 1s or more is the strict rule that assumes
     * nothing and reaches only rate / (1 + latency).
     */
    public record Dispatcher(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration idlePoll,
            @DefaultValue("0") int senders,
            @DefaultValue("30ms") Duration arrivalSpread) {

        public int sendersFor(int ratePerSecond) {
            return senders > 0 ? senders : Math.max(4, 2 * ratePerSecond);
        }
    }

    /**
     * Twilio's account. {@code messagingServiceSid} wins over {@code fromNumber}; {@code statusCallbackUrl}
     * is where Twilio posts delivery status (our /webhooks/twilio/status); {@code webhookBaseUrl} is the
     * public address Twilio signs its callbacks with, when a proxy hides it from us; {@code apiBaseUrl}
     * replaces https://api.twilio.com (a proxy, or the tests' stub).
     */
    public record Twilio(
            String accountSid,
            String authToken,
            String messagingServiceSid,
            String fromNumber,
            String statusCallbackUrl,
            String webhookBaseUrl,
            String apiBaseUrl) {}

    /**
     * Alibaba Cloud SMS (短信服务, API version 2017-05-25). The keys come from the environment
     * ({@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}); {@code signName} is the approved
     * signature (签名, shown as 【…】 before every text); {@code templates} maps each of our message kinds, in kebab
     * case ({@code reminder-first}), to the template the provider approved; {@code endpoint} replaces
     * https://dysmsapi.aliyuncs.com (a proxy, the tests' stub); {@code webhookToken} is the secret path segment of
     * the addresses the provider pushes delivery receipts and replies to (its HTTP push carries no signature we
     * could check), from the environment ({@code CANBAO_SMS_ALIYUN_WEBHOOK_TOKEN}); without one both refuse.
     */
    public record Aliyun(
            String accessKeyId,
            String accessKeySecret,
            String signName,
            @DefaultValue("https://dysmsapi.aliyuncs.com") String endpoint,
            @DefaultValue("cn-hangzhou") String regionId,
            @DefaultValue("10s") Duration timeout,
            Map<String, ApprovedTemplate> templates,
            String webhookToken) {}

    /**
     * A template as the provider approved it: its code ({@code SMS_123456789}), its text without the signature and
     * with its parameters as {@code {fee}} (in a configuration file Spring would take the provider's {@code ${fee}}
     * for a placeholder of its own) and, for each of its parameters, which of our variables
     * ({@link SmsText#VARIABLES}) fills it. Parameter names in lower case, or in brackets ({@code "[payAmount]"}).
     */
    public record ApprovedTemplate(String code, String text, Map<String, String> params) {}

    SmsSettings withDispatcher(Dispatcher d) {
        return with(gateway, maxLookups, d, aliyun);
    }

    SmsSettings withGateway(String name, Aliyun account) {
        return with(name, maxLookups, dispatcher, account);
    }

    SmsSettings withMaxLookups(int lookups) {
        return with(gateway, lookups, dispatcher, aliyun);
    }

    /** A copy with the settings the {@code with} methods change, every other one as it is. */
    private SmsSettings with(String gateway, int maxLookups, Dispatcher dispatcher, Aliyun aliyun) {
        return new SmsSettings(
                gateway,
                ratePerSecond,
                quietStart,
                quietEnd,
                personInterval,
                identicalMax,
                identicalWindow,
                maxAttempts,
                backoff,
                backoffMax,
                reconcileAfter,
                batchSize,
                maxLookups,
                dispatcher,
                twilio,
                aliyun);
    }

    /** Whether a moment, in the residents' zone, falls into the quiet hours. */
    public boolean quiet(java.time.ZonedDateTime at) {
        LocalTime t = at.toLocalTime();
        return quietStart.isAfter(quietEnd)
                ? !t.isBefore(quietStart) || t.isBefore(quietEnd)
                : !t.isBefore(quietStart) && t.isBefore(quietEnd);
    }

    public Duration backoffFor(int attempt) {
        long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
        Duration d = backoff.multipliedBy(factor);
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }
}
