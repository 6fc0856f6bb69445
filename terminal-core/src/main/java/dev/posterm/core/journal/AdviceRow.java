package dev.posterm.core.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * An offline approval to be advised to the host (0220). {@code sealedCard} is AES-GCM ciphertext
 * (see CardVault), empty once the host has answered.
 *
 * @param state          TENTATIVE, PENDING, SETTLED, DECLINED, or set aside: UNREADABLE, LOST
 * @param setAsideReason why an UNREADABLE or LOST advice cannot be sent (never card data)
 */
public record AdviceRow(long id, int stan, String paymentId, long amount, String localTime, String entryMode,
                        String cardHash, String maskedPan, Optional<byte[]> sealedCard, String authCode,
                        Optional<String> transmittedAt, int attempts, String state, Optional<String> responseCode,
                        Instant createdAt, Optional<Instant> nextAttemptAt,
                        Optional<String> setAsideReason) {
}
