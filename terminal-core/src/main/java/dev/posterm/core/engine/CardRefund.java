package dev.posterm.core.engine;

import dev.posterm.core.errors.Refused;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentType;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * A card refund of part or all of a sale: a REFUND payment sent as a 0200 with processing code
 * 200000 and the refunded amount ({@link CardReturn}), in the sale's batch or any later one. The
 * claim taken in its first commit keeps the refunds approved and in flight within the amount paid;
 * the host's 13 (over-refund by its books) is a decline like any other. Approved: the refund with
 * its two slips, and, once the sale is refunded in full, the sale and the order REFUNDED
 * ({@link Refunded}). Never offline.
 */
final class CardRefund {
    private final PaymentEngine.Parts parts;
    private final CardReturn host;

    CardRefund(PaymentEngine.Parts parts, CardReturn host) {
        this.parts = parts;
        this.host = host;
    }

    /** @return the refund, APPROVED, DECLINED or FAILED */
    Payment run(PaymentRow sale, String refundId, long amount, Optional<String> key, String fingerprint)
            throws Refused {
        host.requireHost();
        PaymentRow pending = PaymentRow.returnOf(sale, refundId, PaymentType.REFUND, amount, key,
                parts.orders().clock().instant());
        PaymentRow sent = host.journal(pending, c -> ReturnTable.claimRefund(c, sale.paymentId(), amount),
                () -> lost(sale, amount), fingerprint);
        PaymentRow ended = switch (host.send(sent, HostMessages.REFUND, sale)) {
            case CardReturn.Sent.Approved a -> {
                new Refunded(parts).commit(a.answered(), sale);
                Logger.info("payment {} refunded {} by {} (RRN {})", sale.paymentId(), amount, refundId,
                        a.answered().card().flatMap(CardDetails::rrn).orElse("?"));
                yield a.answered();
            }
            case CardReturn.Sent.NotDone n -> n.ended();
        };
        return parts.orders().book().view(ended);
    }

    /** Why the claim was lost: the money is taken by a refund that came first (or a twin took the key). */
    private Refused lost(PaymentRow sale, long amount) {
        long left = sale.amount().amount() - parts.orders().book().journal().read(c -> ReturnTable.claimed(c, sale.paymentId()));
        return Returns.exceeds(sale, amount, Math.max(0, left));
    }
}
