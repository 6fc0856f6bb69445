package dev.posterm.core.engine;

import dev.posterm.core.errors.CashierMessage;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.time.Instant;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * A card void: a VOID payment of the sale's whole amount, sent as a 0200 with processing code
 * 020000 ({@link CardReturn}). It claims the whole sale, so no refund can start while it is in
 * flight and none after it is approved. Approved: in one commit the void APPROVED with its two
 * slips, the sale VOIDED, the order CANCELLED. Anything else leaves the sale as it was and is
 * refused, with the host's reason for a decline.
 */
final class CardVoid {
    private final PaymentEngine.Parts parts;
    private final CardReturn host;

    CardVoid(PaymentEngine.Parts parts, CardReturn host) {
        this.parts = parts;
        this.host = host;
    }

    /** @return the sale, VOIDED */
    Payment run(PaymentRow sale, String voidId) throws Refused {
        host.requireHost();
        PaymentRow pending = PaymentRow.returnOf(sale, voidId, PaymentType.VOID, sale.amount().amount(),
                Optional.empty(), now());
        PaymentRow sent = host.journal(pending, c -> ReturnTable.claimVoid(c, sale.paymentId()),
                () -> new Refused(ErrorCode.PAYMENT_NOT_VOIDABLE, "payment " + sale.paymentId()
                        + " is being voided or refunded, or was a moment ago"), "VOID\n" + sale.paymentId());
        return switch (host.send(sent, HostMessages.VOID, sale)) {
            case CardReturn.Sent.Approved a -> approve(a.answered(), sale);
            case CardReturn.Sent.NotDone n -> throw notDone(n.ended(), sale);
        };
    }

    private Payment approve(PaymentRow approved, PaymentRow sale) {
        Instant now = now();
        PaymentRow voided = sale.returned(PaymentState.VOIDED, now);
        parts.orders().book().save(approved, "void of " + sale.paymentId() + " approved", c -> {
            PaymentTable.save(c, voided, "voided by " + approved.paymentId());
            OrderTable.transition(c, sale.orderId(), OrderState.PAID, OrderState.CANCELLED, now);
            ReceiptTable.queue(c, approved.paymentId(), "MERCHANT", now);
            ReceiptTable.queue(c, approved.paymentId(), "CUSTOMER", now);
        });
        parts.orders().book().announce(voided);
        parts.owed().slips().nudge();
        Logger.info("payment {} voided by {} (RRN {})", sale.paymentId(), approved.paymentId(),
                approved.card().flatMap(CardDetails::rrn).orElse("?"));
        return parts.orders().book().view(voided);
    }

    private static Refused notDone(PaymentRow ended, PaymentRow sale) {
        if (ended.state() == PaymentState.DECLINED) {
            Optional<String> rc = ended.card().flatMap(CardDetails::responseCode);
            String reason = CashierMessage.forOutcome(Optional.of(ErrorCode.HOST_DECLINED), rc)
                    .map(CashierMessage::english).orElse("");
            return new Refused(ErrorCode.VOID_DECLINED, "void " + ended.paymentId() + " of payment " + sale.paymentId()
                    + " declined by the host with " + rc.orElse("?") + ": " + reason);
        }
        return new Refused(ErrorCode.VOID_NOT_DONE, "void " + ended.paymentId() + " of payment " + sale.paymentId()
                + " ended " + ended.state() + " (" + ended.errorCode().orElse("") + "); the sale stands");
    }

    private Instant now() {
        return parts.orders().clock().instant();
    }
}
