package dev.posterm.core.payment;

import java.util.Optional;

/** A create-order request, already syntactically valid (the API checked JSON and types). */
public record NewOrder(Optional<String> orderId, Money amount, Optional<String> description,
                       Optional<Integer> payWithinSeconds) {
}
