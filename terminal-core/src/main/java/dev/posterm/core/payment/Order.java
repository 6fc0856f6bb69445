package dev.posterm.core.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A snapshot of an order, as the API shows it. */
public record Order(String orderId, Money amount, Optional<String> description, OrderState state,
                    Instant createdAt, Instant payBy, List<Payment> payments) {
    public Order {
        payments = List.copyOf(payments);
    }
}
