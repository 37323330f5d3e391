package cn.canbao.sms.gateway;

import cn.canbao.sms.SmsSettings;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Twilio's Messages API through the real SDK. Twilio has no idempotency key for messages, so a message
 * whose outcome we do not know is found again by listing the messages to that number created since our
 * attempt and matching the text.
 */
public class TwilioGateway implements SmsGateway {

    /** How far back a lookup reads the number's messages before our attempt (clock differences with Twilio). */
    private static final Duration SLACK = Duration.ofMinutes(1);

    private final TwilioRestClient client;
    private final SmsSettings.Twilio account;
    private final java.time.Clock clock;

    /** With connections for the tests' few senders. */
    public TwilioGateway(SmsSettings.Twilio account, java.time.Clock clock) {
        this(account, 16, clock);
    }

    /**
     * {@code connections}: as many as the dispatcher has senders, so no send waits for a pooled connection;
     * {@code clock}: the dispatcher's, for the end of a Retry-After.
     */
    public TwilioGateway(SmsSettings.Twilio account, int connections, java.time.Clock clock) {
        this.clock = clock;
        if (blank(account.accountSid())
                || blank(account.authToken())
                || (blank(account.messagingServiceSid()) && blank(account.fromNumber()))) {
            throw new IllegalStateException("canbao.sms.gateway=twilio needs canbao.sms.twilio.account-sid, auth-token "
                    + "and messaging-service-sid or from-number (CANBAO_SMS_TWILIO_ACCOUNT_SID … in the environment)");
        }
        this.account = account;
        this.client = new TwilioRestClient.Builder(account.accountSid(), account.authToken())
                .httpClient(new TwilioHttpClient(account.apiBaseUrl(), connections))
                .build();
    }

    @Override
    public Outcome send(Outgoing message) {
        return send(message, () -> {});
    }

    /** {@code leaving} runs once the connection to Twilio is open, right before the request is written. */
    @Override
    public Outcome send(Outgoing message, Runnable leaving) {
        return TwilioHttpClient.leaving(leaving, () -> create(message));
    }

    private Outcome create(Outgoing message) {
        PhoneNumber to = new PhoneNumber(message.to());
        MessageCreator creator = blank(account.messagingServiceSid())
                ? Message.creator(to, new PhoneNumber(account.fromNumber()), message.body())
                : Message.creator(to, account.messagingServiceSid(), message.body());
        if (!blank(account.statusCallbackUrl())) {
            creator.setStatusCallback(URI.create(account.statusCallbackUrl()));
        }
        try {
            Message created = creator.create(client);
            return new Accepted(
                    created.getSid(),
                    created.getStatus() == null ? null : created.getStatus().toString());
        } catch (ApiException e) {
            return TwilioErrors.outcome(
                    e.getStatusCode(), e.getCode(), e.getMessage(), TwilioHttpClient.lastRetryAfter(), clock.instant());
        } catch (ApiConnectionException e) {
            return new Unknown(null, e.getMessage());
        }
    }

    /**
     * Every message to the number since a minute before our attempt, newest first, page after page (the SDK follows
     * Twilio's next-page links) until they are older than that: a number with many messages since ours is still
     * searched to the end, not only its newest page.
     */
    @Override
    public Optional<Accepted> find(Outgoing message) {
        Instant since = message.attemptAt().minus(SLACK);
        for (Message m : Message.reader()
                .setTo(new PhoneNumber(message.to()))
                .setPageSize(50L)
                .read(client)) {
            if (m.getDateCreated() != null && m.getDateCreated().toInstant().isBefore(since)) {
                return Optional.empty();
            }
            if (message.body().equals(m.getBody())) {
                return Optional.of(new Accepted(
                        m.getSid(), m.getStatus() == null ? null : m.getStatus().toString()));
            }
        }
        return Optional.empty();
    }

    /** Twilio's SDK waits at most this long for one call: the pool, the connection, the answer (HttpClient's defaults). */
    @Override
    public Duration longestCall() {
        return Duration.ofMillis(10_000 + 10_000 + 30_500);
    }

    @Override
    public String name() {
        return "twilio";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
