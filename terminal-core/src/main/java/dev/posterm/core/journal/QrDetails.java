package dev.posterm.core.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * What a QR wallet payment adds to a payment ({@code qr_details}, one row per QR payment), journaled
 * before each call to the wallet gateway. Text where the wallet package has types (the journal knows
 * no wallet): {@code wallet} a {@code Wallet} name, {@code phase} PAYING / QUERYING / REVERSING / DONE,
 * {@code reverseWhy} a {@code QrPaymentFlow.Why} name. The payment code only masked.
 *
 * @param paySentAt       when pay left (journaled just before): no reverse sooner than 15 s after it
 * @param payBy           the order's deadline: a SUCCESS seen after it is reversed
 * @param reverseAttempts reverses sent without a final answer
 * @param nextAt          when the next query or reverse is due
 * @param errCode         the gateway's errCode of the last refusal (NOTENOUGH, TRADE_OVERDUE...)
 */
public record QrDetails(String outTradeNo, String wallet, String maskedAuthCode, Optional<String> tradeNo,
                        Instant paySentAt, Instant payBy, String phase, Optional<String> reverseWhy,
                        int reverseAttempts, Optional<Instant> nextAt, Optional<String> errCode) {

    /** True once the flow has ended: nothing more to send. */
    public boolean done() {
        return "DONE".equals(phase);
    }

    public QrDetails step(String newPhase, Optional<Instant> next) {
        return new QrDetails(outTradeNo, wallet, maskedAuthCode, tradeNo, paySentAt, payBy, newPhase, reverseWhy,
                reverseAttempts, next, errCode);
    }

    public QrDetails reversing(String why, int attempts, Instant next, Optional<String> refusal) {
        return new QrDetails(outTradeNo, wallet, maskedAuthCode, tradeNo, paySentAt, payBy, "REVERSING",
                Optional.of(why), attempts, Optional.of(next), refusal.or(() -> errCode));
    }

    public QrDetails withTrade(Optional<String> gatewayTradeNo) {
        return new QrDetails(outTradeNo, wallet, maskedAuthCode, gatewayTradeNo.or(() -> tradeNo), paySentAt, payBy,
                phase, reverseWhy, reverseAttempts, nextAt, errCode);
    }

    public QrDetails ended(Optional<String> refusal) {
        return new QrDetails(outTradeNo, wallet, maskedAuthCode, tradeNo, paySentAt, payBy, "DONE", reverseWhy,
                reverseAttempts, Optional.empty(), refusal.or(() -> errCode));
    }
}
