package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.payment.Payment;
import java.util.Optional;

/**
 * The engine's port for QR voids and refunds: the wallet gateway's {@code reverse} and {@code refund}
 * of an approved QR sale, implemented by {@code qr.QrPayments} when a [wallet] is configured. The
 * engine has checked the sale (an approved SALE; a void within the open batch) before it asks.
 */
public interface QrReturns {
    /** Without a wallet gateway: refused, nothing changed. */
    QrReturns NONE = new QrReturns() {
        @Override
        public Payment voidSale(PaymentRow sale, String voidId) throws Refused {
            throw new Refused(ErrorCode.QR_NOT_CONFIGURED, "QR payment " + sale.paymentId() + " cannot be voided:"
                    + " no wallet gateway is configured");
        }

        @Override
        public Payment refund(PaymentRow sale, String refundId, long amount, Optional<String> key, String fingerprint)
                throws Refused {
            throw new Refused(ErrorCode.QR_NOT_CONFIGURED, "QR payment " + sale.paymentId() + " cannot be refunded:"
                    + " no wallet gateway is configured");
        }
    };

    /** Reverses the sale at the gateway; the sale VOIDED, or, while the gateway has not answered for good, the void PENDING. */
    Payment voidSale(PaymentRow sale, String voidId) throws Refused;

    /** Refunds {@code amount} of the sale at the gateway; the refund, whatever its outcome (PENDING while unknown). */
    Payment refund(PaymentRow sale, String refundId, long amount, Optional<String> key, String fingerprint)
            throws Refused;
}
