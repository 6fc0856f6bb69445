package dev.posterm.core.engine;

import dev.posterm.core.payment.TerminalIdentity;
import java.time.Clock;

/**
 * What orders and payments are recorded with.
 *
 * @param terminal         who the terminal is (its currency for orders, its ids for the host)
 * @param book             the journaled payments and orders
 * @param clock            the one clock of business time
 * @param payWithinSeconds an order's pay-by time when its request does not say (orders.pay_within_seconds)
 * @param remindBeforeSeconds how long before an open order's pay-by time the reminder event goes out;
 *                         0: none (orders.remind_before_seconds)
 */
public record Orders(TerminalIdentity terminal, PaymentBook book, Clock clock, int payWithinSeconds,
                     int remindBeforeSeconds) {
    /** Without reminders. */
    public Orders(TerminalIdentity terminal, PaymentBook book, Clock clock, int payWithinSeconds) {
        this(terminal, book, clock, payWithinSeconds, 0);
    }
}
