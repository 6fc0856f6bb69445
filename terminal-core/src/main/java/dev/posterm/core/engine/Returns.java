package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.BatchTable;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Voids and refunds of a sale ("returns"): the rules every method shares, then the method's own
 * flow ({@link CardVoid}, {@link CardRefund}, {@link CashRefund}). A {@link Refused} means nothing
 * was journaled and nothing left the terminal.
 *
 * <p>Shared rules: only an approved SALE can be returned. A card sale approved offline is returned
 * only once the host has accepted its advice (host-link.md: "its advice goes first"): until then the
 * advice is pushed and the request refused with {@link ErrorCode#SALE_NOT_YET_ADVISED}, so the
 * cashier retries when the bank knows the sale. A QR sale's are the wallet gateway's ({@link QrReturns}).
 */
public final class Returns {
    private final PaymentEngine.Parts parts;
    private volatile QrReturns qr = QrReturns.NONE;

    Returns(PaymentEngine.Parts parts) {
        this.parts = parts;
    }

    /** QR voids and refunds go to {@code returns} from now on (the wiring, when a [wallet] is configured). */
    void takeQrWith(QrReturns returns) {
        this.qr = returns;
    }

    /** {@code POST /payments/{id}/void}: the voided sale (VOIDED); a sale voided already is answered again. */
    Payment voidSale(String salePaymentId) throws Refused {
        PaymentRow sale = find(salePaymentId);
        if (sale.type() == PaymentType.SALE && sale.state() == PaymentState.VOIDED) {
            return parts.orders().book().view(sale);
        }
        if (sale.method() == PaymentMethod.CASH) {
            throw new Refused(ErrorCode.CASH_NOT_VOIDABLE, "payment " + salePaymentId + " is cash: refund it instead");
        }
        requireApprovedSale(sale, ErrorCode.PAYMENT_NOT_VOIDABLE);
        int saleBatch = parts.orders().book().journal().read(c -> ReturnTable.batchOf(c, salePaymentId));
        int open = parts.orders().book().journal().read(c -> BatchTable.open(c).number());
        if (saleBatch != open) {
            throw new Refused(ErrorCode.VOID_OUTSIDE_BATCH, "payment " + salePaymentId + " belongs to batch "
                    + String.format("%06d", saleBatch) + ", the open batch is " + String.format("%06d", open));
        }
        if (sale.method() == PaymentMethod.QR) {
            return qr.voidSale(sale, "pay-" + PaymentEngine.randomHex(10));
        }
        requireKnownToHost(sale, ErrorCode.PAYMENT_NOT_VOIDABLE);
        return new CardVoid(parts, new CardReturn(parts)).run(sale, "pay-" + PaymentEngine.randomHex(10));
    }

    /** {@code POST /payments/{id}/refund {amount}}: the refund (a payment of type REFUND), whatever its outcome. */
    Payment refund(String salePaymentId, long amount, Optional<String> key) throws Refused {
        PaymentRow sale = find(salePaymentId);
        String fingerprint = fingerprint(salePaymentId, amount);
        Optional<Payment> again = sameRequest(sale, key, fingerprint);
        if (again.isPresent()) {
            return again.get();
        }
        requireApprovedSale(sale, ErrorCode.PAYMENT_NOT_REFUNDABLE);
        long left = sale.amount().amount() - parts.orders().book().journal().read(c -> ReturnTable.claimed(c, salePaymentId));
        if (amount > left) {
            throw exceeds(sale, amount, left);
        }
        String id = "pay-" + PaymentEngine.randomHex(10);
        try {
            return switch (sale.method()) {
                case CASH -> new CashRefund(parts).run(sale, id, amount, key, fingerprint);
                case QR -> qr.refund(sale, id, amount, key, fingerprint);
                case CARD -> {
                    requireKnownToHost(sale, ErrorCode.PAYMENT_NOT_REFUNDABLE);
                    yield new CardRefund(parts, new CardReturn(parts)).run(sale, id, amount, key, fingerprint);
                }
            };
        } catch (Refused lost) {
            // A twin request with the same key may have journaled its refund between our reads and our commit.
            if (lost.code() != ErrorCode.REFUND_EXCEEDS_PAID) {
                throw lost;
            }
            return sameRequest(sale, key, fingerprint).orElseThrow(() -> lost);
        }
    }

    static Refused exceeds(PaymentRow sale, long amount, long left) {
        return new Refused(ErrorCode.REFUND_EXCEEDS_PAID, "refund of " + amount + " asked; payment " + sale.paymentId()
                + " of " + sale.amount().amount() + " has " + left + " left to refund (refunds approved or under way counted)");
    }

    /**
     * The refund an earlier request with this Idempotency-Key made, when this request is that one
     * again; a key used for another request (another amount, another payment, or a sale) is refused.
     */
    private Optional<Payment> sameRequest(PaymentRow sale, Optional<String> key, String fingerprint) throws Refused {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<PaymentRow> earlier = parts.orders().book().journal()
                .read(c -> PaymentTable.findByIdempotencyKey(c, sale.orderId(), key.get()));
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> asked = parts.orders().book().fingerprint(earlier.get().paymentId());
        if (asked.isEmpty() || !asked.get().equals(fingerprint)) {
            throw new Refused(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key.get() + "' already made"
                    + " payment " + earlier.get().paymentId() + " of order " + sale.orderId() + " with another request;"
                    + " send a new key for a new refund");
        }
        return Optional.of(parts.orders().book().view(earlier.get()));
    }

    private PaymentRow find(String paymentId) throws Refused {
        return parts.orders().book().find(paymentId).orElseThrow(
                () -> new Refused(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + paymentId));
    }

    private static void requireApprovedSale(PaymentRow sale, ErrorCode otherwise) throws Refused {
        if (sale.type() != PaymentType.SALE || (sale.state() != PaymentState.APPROVED
                && sale.state() != PaymentState.APPROVED_OFFLINE)) {
            throw new Refused(otherwise, "payment " + sale.paymentId() + " is a " + sale.type() + " in state "
                    + sale.state());
        }
    }

    /**
     * A card sale the host can find by its RRN: approved online, or approved offline and advised
     * (the 0230's RRN kept). An advice still waiting is pushed now; the cashier retries.
     */
    private void requireKnownToHost(PaymentRow sale, ErrorCode otherwise) throws Refused {
        Optional<String> rrn = sale.card().flatMap(CardDetails::rrn);
        if (sale.state() == PaymentState.APPROVED_OFFLINE) {
            Optional<String> advice = parts.orders().book().journal().read(c -> ReturnTable.adviceState(c, sale.paymentId()));
            if (advice.isEmpty() || !advice.get().equals("SETTLED")) {
                if (advice.isPresent() && (advice.get().equals("PENDING") || advice.get().equals("TENTATIVE"))) {
                    parts.owed().advices().nudge();
                    throw new Refused(ErrorCode.SALE_NOT_YET_ADVISED, "payment " + sale.paymentId()
                            + " was approved offline and its advice is " + advice.get()
                            + ": it is being forwarded now; try again once the bank has accepted it");
                }
                throw new Refused(otherwise, "payment " + sale.paymentId() + " was approved offline and its advice is "
                        + advice.orElse("missing") + ": the bank does not hold this sale");
            }
        }
        if (rrn.isEmpty()) {
            throw new Refused(otherwise, "payment " + sale.paymentId() + " has no RRN from the bank to name it by");
        }
    }

    /** What a refund request was: the sale and the amount (a repeat with the same key must match). */
    static String fingerprint(String salePaymentId, long amount) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("REFUND\n" + salePaymentId + "\n" + amount)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
