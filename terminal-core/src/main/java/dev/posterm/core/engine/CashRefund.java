package dev.posterm.core.engine;

import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.PaymentRequestTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.time.Instant;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * A cash refund, paid out of the drawer: journaled APPROVED with its claim on the sale, its slips
 * and what it does to the sale in one commit ({@link Refunded}), then the drawer opens (ESC p, as for a cash sale) and the
 * slips print. No one else to ask: the cashier hands the money over. The claim's conditional
 * update keeps two racing refunds within the amount paid, as for a card.
 */
final class CashRefund {
    private final PaymentEngine.Parts parts;

    CashRefund(PaymentEngine.Parts parts) {
        this.parts = parts;
    }

    Payment run(PaymentRow sale, String refundId, long amount, Optional<String> key, String fingerprint)
            throws Refused {
        Instant now = parts.orders().clock().instant();
        PaymentRow approved = PaymentRow.returnOf(sale, refundId, PaymentType.REFUND, amount, key, now)
                .finish(PaymentState.APPROVED, Optional.empty(), Optional.empty(), now);
        JournalGate.ensureWritable(parts.orders().book().journal());
        boolean claimed = new Refunded(parts).commit(approved, sale, c -> {
            if (key.isPresent() && PaymentTable.findByIdempotencyKey(c, sale.orderId(), key.get()).isPresent()) {
                return false;
            }
            return ReturnTable.claimRefund(c, sale.paymentId(), amount);
        }, c -> PaymentRequestTable.insert(c, refundId, fingerprint)).isPresent();
        if (!claimed) {
            long left = sale.amount().amount() - parts.orders().book().journal().read(c -> ReturnTable.claimed(c, sale.paymentId()));
            throw Returns.exceeds(sale, amount, Math.max(0, left));
        }
        Logger.info("cash refund {} of payment {}: {} paid out of the drawer", refundId, sale.paymentId(), amount);
        parts.owed().drawer().open(refundId);
        return parts.orders().book().view(approved);
    }
}
