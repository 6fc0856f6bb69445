package dev.posterm.core.payment;

import dev.posterm.core.errors.CashierMessage;
import dev.posterm.core.errors.ErrorCode;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a payment, as the API shows it. Card data appears only masked (last four).
 *
 * @param responseCode ISO 8583 field 39 from the host, or the reader's 8A for a card decision; left
 *                     out for a decline the customer is not told the reason of (lost or stolen card)
 * @param errorCode    why it did not succeed, when it did not
 * @param entryMode    CHIP, CONTACTLESS, MAGSTRIPE, FALLBACK_SWIPE
 * @param message      what the cashier reads about the outcome (the host response code's own for a
 *                     host decline), with the support contact where it says to call support
 * @param tendered     cash: what was handed over
 * @param changeDue    cash: what to hand back
 * @param wallet       a QR payment's wallet (WECHAT, ALIPAY, UNIONPAY)
 * @param outTradeNo   a QR payment's number at the wallet gateway
 * @param type         SALE, or a REFUND / VOID of {@code originalPaymentId}
 */
public record Payment(String paymentId, String orderId, PaymentMethod method, Money amount, PaymentState state,
                      Optional<String> responseCode, Optional<ErrorCode> errorCode, Optional<String> authCode,
                      Optional<String> rrn, Optional<String> stan, Optional<String> maskedPan,
                      Optional<String> entryMode, Instant createdAt, Instant updatedAt,
                      Optional<Instant> completedAt, Optional<CashierMessage> message, Optional<Long> tendered,
                      Optional<Long> changeDue, Optional<String> wallet, Optional<String> outTradeNo,
                      PaymentType type, Optional<String> originalPaymentId) {

    /** A sale. */
    public Payment(String paymentId, String orderId, PaymentMethod method, Money amount, PaymentState state,
                   Optional<String> responseCode, Optional<ErrorCode> errorCode, Optional<String> authCode,
                   Optional<String> rrn, Optional<String> stan, Optional<String> maskedPan,
                   Optional<String> entryMode, Instant createdAt, Instant updatedAt,
                   Optional<Instant> completedAt, Optional<CashierMessage> message, Optional<Long> tendered,
                   Optional<Long> changeDue, Optional<String> wallet, Optional<String> outTradeNo) {
        this(paymentId, orderId, method, amount, state, responseCode, errorCode, authCode, rrn, stan, maskedPan,
                entryMode, createdAt, updatedAt, completedAt, message, tendered, changeDue, wallet, outTradeNo,
                PaymentType.SALE, Optional.empty());
    }

    /** A payment whose message is its error code's, without cash details. */
    public Payment(String paymentId, String orderId, PaymentMethod method, Money amount, PaymentState state,
                   Optional<String> responseCode, Optional<ErrorCode> errorCode, Optional<String> authCode,
                   Optional<String> rrn, Optional<String> stan, Optional<String> maskedPan,
                   Optional<String> entryMode, Instant createdAt, Instant updatedAt,
                   Optional<Instant> completedAt) {
        this(paymentId, orderId, method, amount, state, responseCode, errorCode, authCode, rrn, stan, maskedPan,
                entryMode, createdAt, updatedAt, completedAt, errorCode.map(CashierMessage::of), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
