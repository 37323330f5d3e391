package cn.canbao.sms;

import com.twilio.base.Page;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Twilio's Messages API through the real SDK. Twilio has no idempotency key for messages, so a message
 * whose outcome we do not know is found again by listing the messages to that number created since our
 * attempt and matching the text.
 */
class TwilioGateway implements SmsGateway {

    /** Twilio's error codes that will not change on a retry: invalid number, unsubscribed recipient … */
    private static final int TOO_MANY_REQUESTS = 429;

    private final TwilioRestClient client;
    private final SmsSettings.Twilio account;

    TwilioGateway(SmsSettings.Twilio account) {
        if (blank(account.accountSid()) || blank(account.authToken())
                || (blank(account.messagingServiceSid()) && blank(account.fromNumber()))) {
            throw new IllegalStateException("canbao.sms.gateway=twilio needs canbao.sms.twilio.account-sid, auth-token "
                    + "and messaging-service-sid or from-number (CANBAO_SMS_TWILIO_ACCOUNT_SID … in the environment)");
        }
        this.account = account;
        this.client = new TwilioRestClient.Builder(account.accountSid(), account.authToken())
                .httpClient(new TwilioHttpClient(account.apiBaseUrl())).build();
    }

    @Override
    public Outcome send(Outgoing message) {
        PhoneNumber to = new PhoneNumber(message.to());
        MessageCreator creator = blank(account.messagingServiceSid())
                ? Message.creator(to, new PhoneNumber(account.fromNumber()), message.body())
                : Message.creator(to, account.messagingServiceSid(), message.body());
        if (!blank(account.statusCallbackUrl())) {
            creator.setStatusCallback(URI.create(account.statusCallbackUrl()));
        }
        try {
            Message created = creator.create(client);
            return new Accepted(created.getSid(), created.getStatus() == null ? null : created.getStatus().toString());
        } catch (ApiException e) {
            Integer http = e.getStatusCode();
            if (http != null && http == TOO_MANY_REQUESTS) {
                return new Retry(e.getCode(), e.getMessage());
            }
            if (http == null || http >= 500) {
                return new Unknown(e.getCode(), e.getMessage());
            }
            return new Rejected(e.getCode(), e.getMessage());
        } catch (ApiConnectionException e) {
            return new Unknown(null, e.getMessage());
        }
    }

    @Override
    public Optional<Accepted> find(Outgoing message) {
        // newest first; a minute of slack for the difference between our clock and Twilio's
        Page<Message> page = Message.reader().setTo(new PhoneNumber(message.to())).setPageSize(50L).firstPage(client);
        return page.getRecords().stream()
                .filter(m -> message.body().equals(m.getBody()))
                .filter(m -> m.getDateCreated() == null
                        || !m.getDateCreated().toInstant().isBefore(message.attemptAt().minus(Duration.ofMinutes(1))))
                .findFirst()
                .map(m -> new Accepted(m.getSid(), m.getStatus() == null ? null : m.getStatus().toString()));
    }

    @Override
    public String name() {
        return "twilio";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
