package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.payment.Payment;
import java.util.Optional;

/**
 * A port: QR wallet payments, run apart from the card lane (a QR payment does not use the reader).
 * Implemented by {@code qr.QrPayments}; without a {@code [wallet]} the engine keeps {@link #NONE}.
 */
public interface QrRail {

    /**
     * Starts a QR payment of {@code order} (UNPAID when read): journals it, order PAYING, and lets the
     * flow run. Refused before anything is journaled when it cannot start (no code, not a payment
     * code, link OFFLINE); {@link ErrorCode#ORDER_NOT_PAYABLE} when another request took the order first.
     */
    Payment start(OrderRow order, Optional<String> qrCode, Optional<String> idempotencyKey, String fingerprint)
            throws Refused;

    /** The cashier cancels a running QR payment: false when it is not running here (or is ending). */
    boolean cancel(String paymentId);

    /** No wallet configured: QR refused at once. */
    QrRail NONE = new QrRail() {
        @Override
        public Payment start(OrderRow order, Optional<String> qrCode, Optional<String> key, String fingerprint)
                throws Refused {
            throw new Refused(ErrorCode.QR_NOT_CONFIGURED,
                    "QR payments need a wallet gateway ([wallet]), which this terminal does not have configured");
        }

        @Override
        public boolean cancel(String paymentId) {
            return false;
        }
    };
}
