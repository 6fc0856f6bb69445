package dev.posterm.core.payment;

import dev.posterm.core.errors.ErrorCode;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a payment, as the API shows it. Card data appears only masked (last four).
 *
 * @param responseCode ISO 8583 field 39 from the host, or the reader's 8A for a card decision
 * @param errorCode    why it did not succeed, when it did not
 * @param entryMode    CHIP, CONTACTLESS, MAGSTRIPE, FALLBACK_SWIPE
 * @param wallet       a QR payment's wallet (WECHAT, ALIPAY, UNIONPAY)
 * @param outTradeNo   a QR payment's number at the wallet gateway
 */
public record Payment(String paymentId, String orderId, PaymentMethod method, Money amount, PaymentState state,
                      Optional<String> responseCode, Optional<ErrorCode> errorCode, Optional<String> authCode,
                      Optional<String> rrn, Optional<String> stan, Optional<String> maskedPan,
                      Optional<String> entryMode, Instant createdAt, Instant updatedAt,
                      Optional<Instant> completedAt, Optional<String> wallet, Optional<String> outTradeNo) {
}
