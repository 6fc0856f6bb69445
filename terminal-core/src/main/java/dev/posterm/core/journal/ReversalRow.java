package dev.posterm.core.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * A reversal owed to the host for one original transaction, which field 90 names by its MTI, STAN
 * and field 7 (the STAN alone is not enough: the counter wraps).
 *
 * @param id            the row's own key, for the queue's bookkeeping
 * @param stan          the original's STAN, also field 11 of the reversal
 * @param originalF7    field 7 of the reversed 0200 (goes into field 90)
 * @param transmittedAt field 7 of the 0400 itself, stamped at first send and kept by every 0401
 * @param attempts      how many times it was sent: the first is 0400, the rest 0401
 * @param responseCode  the host's last answer; final once {@code state} is DONE
 */
public record ReversalRow(long id, int stan, String paymentId, String reason, String originalMti, String originalF7,
                          Optional<String> transmittedAt, int attempts, String state,
                          Optional<String> responseCode, Instant createdAt, Optional<Instant> doneAt) {
}
