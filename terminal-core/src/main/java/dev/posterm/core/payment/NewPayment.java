package dev.posterm.core.payment;

import java.util.Optional;

/** A start-payment request for an order's open amount. */
public record NewPayment(PaymentMethod method, Optional<String> qrCode, Optional<Long> tendered,
                         OfflineBehavior offlineBehavior) {
    public NewPayment(PaymentMethod method, Optional<String> qrCode, Optional<Long> tendered) {
        this(method, qrCode, tendered, OfflineBehavior.PREFER_ONLINE);
    }
}
