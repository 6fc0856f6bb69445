package dev.posterm.core.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** A start-payment request for an order's open amount. */
public record NewPayment(PaymentMethod method, Optional<String> qrCode, Optional<Long> tendered,
                         OfflineBehavior offlineBehavior) {
    public NewPayment(PaymentMethod method, Optional<String> qrCode, Optional<Long> tendered) {
        this(method, qrCode, tendered, OfflineBehavior.PREFER_ONLINE);
    }

    /**
     * Hex SHA-256 of the request in a canonical form, kept with the payment it started: a request
     * that repeats an Idempotency-Key is the same request exactly when its fingerprint matches.
     */
    public String fingerprint() {
        String canonical = "v1\nmethod=" + method + "\ntendered=" + tendered.map(String::valueOf).orElse("")
                + "\nofflineBehavior=" + offlineBehavior + "\nqrCode=" + qrCode.orElse("");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
