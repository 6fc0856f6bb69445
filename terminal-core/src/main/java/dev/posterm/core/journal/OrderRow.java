package dev.posterm.core.journal;

import dev.posterm.core.payment.OrderState;
import java.time.Instant;
import java.util.Optional;

/** One row of {@code orders}. */
public record OrderRow(String orderId, long amount, String currency, Optional<String> description, OrderState state,
                       Instant createdAt, Instant payBy, Instant updatedAt) {

    public OrderRow withState(OrderState newState, Instant now) {
        return new OrderRow(orderId, amount, currency, description, newState, createdAt, payBy, now);
    }
}
