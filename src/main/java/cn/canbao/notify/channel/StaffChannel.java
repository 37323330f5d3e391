package cn.canbao.notify.channel;

/** One way a notice reaches a member of staff. Implementations never retry: the delivery worker decides. */
public interface StaffChannel {

    /** {@code SMS}, {@code WECOM} or {@code DINGTALK}: the outbox row's channel. */
    String name();

    /**
     * Whether {@link #send} only writes to our own database (staff SMS hands over to the SMS outbox): then the worker
     * runs it in the transaction that records the outcome, and the notice cannot be handed over twice.
     */
    default boolean transactional() {
        return false;
    }

    Delivery send(Outgoing notice);

    /**
     * A notice claimed for sending: who ({@code phone} their own, for SMS or a mention), what about ({@code kind}, a
     * {@code NoticeKind}'s name), the robot's region, the text.
     */
    record Outgoing(long id, String username, String phone, String kind, String robot, String text) {}

    /**
     * What came of a send. SENT: taken (the provider's reply is kept); REFUSED: not taken, nothing was posted — may be
     * tried again; UNKNOWN: the outcome cannot be known (a timeout after the request went out) — never posted again;
     * FAILED: will never be taken (a bad address, no such robot).
     */
    record Delivery(Outcome outcome, String reply) {

        public static Delivery sent(String reply) {
            return new Delivery(Outcome.SENT, reply);
        }

        public static Delivery refused(String reply) {
            return new Delivery(Outcome.REFUSED, reply);
        }

        public static Delivery unknown(String reply) {
            return new Delivery(Outcome.UNKNOWN, reply);
        }

        public static Delivery failed(String reply) {
            return new Delivery(Outcome.FAILED, reply);
        }
    }

    enum Outcome {
        SENT,
        REFUSED,
        UNKNOWN,
        FAILED
    }
}
