package dev.posterm.core.payment;

import java.time.Instant;
import java.util.Optional;

/**
 * One offline sale on its way to the host, as {@code GET /saf} and {@code posterm saf} show it:
 * the card masked, never more.
 *
 * @param state          PENDING (waiting for the host), SETTLED (0230 00), DECLINED (declined after
 *                       forwarding), or set aside: UNREADABLE (its card data does not open, or it cannot
 *                       be encoded), LOST (a new card data key was made while it waited)
 * @param expiresAt      when it reaches offline.max_age_hours, while PENDING
 * @param setAsideReason why an UNREADABLE or LOST sale cannot be sent
 */
public record SafItem(String paymentId, String stan, long amount, String currency, String maskedPan, String state,
                      Instant soldAt, Optional<Instant> expiresAt, int attempts, Optional<String> responseCode,
                      Optional<String> setAsideReason) {
    public SafItem(String paymentId, String stan, long amount, String currency, String maskedPan, String state,
                   Instant soldAt, Optional<Instant> expiresAt, int attempts, Optional<String> responseCode) {
        this(paymentId, stan, amount, currency, maskedPan, state, soldAt, expiresAt, attempts, responseCode,
                Optional.empty());
    }
}
