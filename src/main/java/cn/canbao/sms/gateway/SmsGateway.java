package cn.canbao.sms.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A provider that takes text messages: Alibaba Cloud SMS ({@link AliyunGateway}, for deployments: numbers stay in
 * China), Twilio ({@link TwilioGateway}) or the local one for development ({@link LocalGateway}). Called only by
 * the dispatcher, never inside a transaction.
 */
public interface SmsGateway {

    /**
     * One message to send: our idempotency key, the number in E.164 (+86…), the text, when we tried; for a provider
     * of approved templates also the template's code and its parameters (JSON), as the outbox rendered them.
     */
    record Outgoing(
            long messageId,
            String idempotencyKey,
            String to,
            String body,
            Instant attemptAt,
            String providerTemplate,
            String templateParams) {

        Outgoing(long messageId, String idempotencyKey, String to, String body, Instant attemptAt) {
            this(messageId, idempotencyKey, to, body, attemptAt, null, null);
        }
    }

    /** What became of a send. */
    sealed interface Outcome permits Accepted, Retry, Unknown, Rejected, Halt {}

    /** The provider took it; {@code status} is its own word for the state (queued, accepted …). */
    record Accepted(String sid, String status) implements Outcome {}

    /**
     * Refused for now and certainly not taken (429 too many requests, a provider's flow control): send again later,
     * after the backoff and not before {@code notBefore} when the provider says how long its limit holds (null: the
     * backoff alone).
     */
    record Retry(Integer code, String message, Instant notBefore) implements Outcome {

        Retry(Integer code, String message) {
            this(code, message, null);
        }
    }

    /** We cannot tell whether it was taken (network fault, 5xx): ask {@link #find} before sending again. */
    record Unknown(Integer code, String message) implements Outcome {}

    /** Refused for good (invalid number 21211, unsubscribed 21610 …): recorded, never retried. */
    record Rejected(Integer code, String message) implements Outcome {}

    /**
     * The provider refuses our account, not this message (wrong credentials, an inactive or suspended account, a
     * sender it does not allow): nothing can go out until an operator acts. The dispatcher pauses and keeps the
     * message queued, its attempt not counted.
     */
    record Halt(Integer code, String message) implements Outcome {}

    Outcome send(Outgoing message);

    /**
     * Sends, calling {@code leaving} right before the request leaves for the provider (the dispatcher's rate limit
     * counts from there: a cold client or a new connection must not move a request into the next second's sends).
     * By default at once, then {@link #send(Outgoing)}.
     */
    default Outcome send(Outgoing message, Runnable leaving) {
        leaving.run();
        return send(message);
    }

    /** The message if the provider already took it (after a crash or an unknown outcome). */
    Optional<Accepted> find(Outgoing message);

    /**
     * The longest one call to the provider can take before the client gives up (its timeouts added up): a message
     * left SENDING is looked up only after longer than this ({@code canbao.sms.reconcile-after}).
     */
    default Duration longestCall() {
        return Duration.ZERO;
    }

    /** The gateway's name for logs and the SMS view. */
    String name();
}
