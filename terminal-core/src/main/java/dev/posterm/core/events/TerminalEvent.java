package dev.posterm.core.events;

import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.Payment;
import java.time.Instant;
import java.util.Optional;

/** What the event stream ({@code GET /events}) carries. */
public sealed interface TerminalEvent {
    Instant at();

    record PaymentChanged(Instant at, Payment payment) implements TerminalEvent {
    }

    record OrderChanged(Instant at, Order order) implements TerminalEvent {
    }

    /**
     * An order still open (UNPAID or PAYING) will lapse to EXPIRED in {@code secondsLeft}
     * ({@code orders.remind_before_seconds} before its pay-by time), so the register can prompt the customer.
     */
    record OrderReminder(Instant at, Order order, long secondsLeft) implements TerminalEvent {
    }

    record AlertRaised(Instant at, String code, String english, String chinese) implements TerminalEvent {
    }

    record AlertCleared(Instant at, String code) implements TerminalEvent {
    }

    record LinkChanged(Instant at, String state, String reason) implements TerminalEvent {
    }

    /**
     * The store-and-forward queue after a forwarding round changed it, and every minute while its
     * oldest sale is close to expiry (the countdown).
     */
    record QueueChanged(Instant at, int count, long amount, Optional<Instant> oldest, Optional<Instant> expiresAt)
            implements TerminalEvent {
    }

    /**
     * A batch close came to something: {@code state} CLOSED (the next batch is open), DIFFERS (the
     * host's totals differ, it stays open) or NOT_CLOSED (it stays open: {@code detail} says why).
     */
    record BatchChanged(Instant at, int batch, String state, Optional<String> responseCode, String detail)
            implements TerminalEvent {
    }

    /**
     * A configuration bundle came to something: {@code outcome} REFUSED ({@code code} the refusal),
     * APPLYING (new payments wait), APPLIED, or ROLLED_BACK ({@code code} BUNDLE_ROLLED_BACK).
     */
    record ConfigChanged(Instant at, long version, String outcome, Optional<String> code, String detail)
            implements TerminalEvent {
    }
}
