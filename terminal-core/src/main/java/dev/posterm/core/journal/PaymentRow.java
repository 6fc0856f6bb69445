package dev.posterm.core.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code payments}: everything the journal knows about a payment. Card data only as
 * the masked PAN (last four).
 */
public record PaymentRow(String paymentId, String orderId, String method, long amount, String currency,
                         String state, Step step, Optional<String> idempotencyKey, Optional<Integer> stan,
                         Optional<String> transmittedAt, Optional<String> localTime,
                         Optional<String> responseCode, Optional<String> errorCode, Optional<String> authCode,
                         Optional<String> rrn, Optional<String> maskedPan, Optional<String> entryMode,
                         Optional<String> aid, Optional<String> appLabel, Instant createdAt, Instant updatedAt,
                         Optional<Instant> completedAt) {

    /** A new card or cash payment, not yet started. */
    public static PaymentRow start(String paymentId, String orderId, String method, long amount, String currency,
                                   Optional<String> idempotencyKey, Instant now) {
        return new PaymentRow(paymentId, orderId, method, amount, currency, "PENDING", Step.AWAITING_CARD,
                idempotencyKey, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), now, now, Optional.empty());
    }

    public PaymentRow withStep(Step newStep, Instant now) {
        return new PaymentRow(paymentId, orderId, method, amount, currency, state, newStep, idempotencyKey, stan,
                transmittedAt, localTime, responseCode, errorCode, authCode, rrn, maskedPan, entryMode, aid,
                appLabel, createdAt, now, completedAt);
    }

    public PaymentRow withCard(String maskedPan, String entryMode, Optional<String> aid, Optional<String> appLabel,
                               Instant now) {
        return new PaymentRow(paymentId, orderId, method, amount, currency, state, Step.CARD_READ, idempotencyKey,
                stan, transmittedAt, localTime, responseCode, errorCode, authCode, rrn, Optional.of(maskedPan),
                Optional.of(entryMode), aid, appLabel, createdAt, now, completedAt);
    }

    public PaymentRow withOnline(int stan, String transmittedAt, String localTime, Instant now) {
        return new PaymentRow(paymentId, orderId, method, amount, currency, state, Step.ONLINE_SENT, idempotencyKey,
                Optional.of(stan), Optional.of(transmittedAt), Optional.of(localTime), responseCode, errorCode,
                authCode, rrn, maskedPan, entryMode, aid, appLabel, createdAt, now, completedAt);
    }

    /** The terminal decided to approve offline with its own {@code authCode}; STAN kept if the 0200 took one. */
    public PaymentRow withOffline(int stan, String localTime, String authCode, Instant now) {
        return new PaymentRow(paymentId, orderId, method, amount, currency, state, Step.OFFLINE_DECIDED,
                idempotencyKey, Optional.of(stan), transmittedAt, Optional.of(localTime), Optional.of(authCode.substring(0, 2)),
                errorCode, Optional.of(authCode), rrn, maskedPan, entryMode, aid, appLabel, createdAt, now, completedAt);
    }

    public PaymentRow withHostAnswer(Step newStep, String responseCode, Optional<String> authCode,
                                     Optional<String> rrn, Instant now) {
        return new PaymentRow(paymentId, orderId, method, amount, currency, state, newStep, idempotencyKey, stan,
                transmittedAt, localTime, Optional.of(responseCode), errorCode, authCode, rrn, maskedPan, entryMode,
                aid, appLabel, createdAt, now, completedAt);
    }

    /** The outcome: {@code step} becomes DONE. */
    public PaymentRow finish(String finalState, Optional<String> errorCode, Optional<String> responseCode, Instant now) {
        return new PaymentRow(paymentId, orderId, method, amount, currency, finalState, Step.DONE, idempotencyKey,
                stan, transmittedAt, localTime, responseCode.or(() -> this.responseCode), errorCode, authCode, rrn,
                maskedPan, entryMode, aid, appLabel, createdAt, now, Optional.of(now));
    }
}
