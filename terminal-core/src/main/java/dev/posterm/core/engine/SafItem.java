package dev.posterm.core.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * One offline sale on its way to the host, as {@code GET /saf} and {@code posterm saf} show it:
 * the card masked, never more.
 *
 * @param state     PENDING (waiting for the host), SETTLED (0230 00), DECLINED (declined after forwarding)
 * @param expiresAt when it reaches offline.max_age_hours, while PENDING
 */
public record SafItem(String paymentId, String stan, long amount, String currency, String maskedPan, String state,
                      Instant soldAt, Optional<Instant> expiresAt, int attempts, Optional<String> responseCode) {
}
