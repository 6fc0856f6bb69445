package dev.posterm.core.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * A reversal owed to the host for the transaction with this STAN.
 *
 * @param originalF7    field 7 of the reversed 0200 (goes into field 90)
 * @param transmittedAt field 7 of the 0400 itself, stamped at first send and kept by every 0401
 * @param attempts      how many times it was sent: the first is 0400, the rest 0401
 */
public record ReversalRow(int stan, String paymentId, String reason, String originalMti, String originalF7,
                          Optional<String> transmittedAt, int attempts, String state,
                          Optional<String> responseCode, Instant createdAt, Optional<Instant> doneAt) {
}
