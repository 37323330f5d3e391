package cn.canbao.sms;

import java.time.Instant;
import java.time.LocalDate;

/** Figures of the SMS view. */
public final class SmsFigures {

    private SmsFigures() {}

    /** Messages of a day (by when they went out, or were recorded if they never did) or of a township. */
    public record Tally(String key, String label, int sent, int delivered, int failed, int skipped) {}

    /** The outbox: due now, deferred (caps, retries, quiet hours), handed over with the outcome unknown. */
    public record Backlog(int due, int deferred, int sending, LocalDate oldest) {}

    /** One recorded opt-out (masked ID number). */
    public record OptOut(String maskedId, String name, OptOutSource source, String recordedBy, Instant recordedAt) {}
}
