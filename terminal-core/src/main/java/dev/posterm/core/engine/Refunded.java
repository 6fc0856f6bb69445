package dev.posterm.core.engine;

import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.journal.Journal;
import java.time.Instant;
import java.util.Optional;

/**
 * Commits an approved refund, whatever its method: the refund APPROVED with its slips, and, in the
 * same commit, when the sale's approved refunds now add up to its amount, the sale REFUNDED and its
 * order REFUNDED. A partial refund leaves both as they were (APPROVED, PAID).
 */
public final class Refunded {
    private final PaymentBook book;
    private final OwedSlips slips;
    private final java.time.Clock clock;

    Refunded(PaymentEngine.Parts parts) {
        this(parts.orders().book(), parts.owed().slips(), parts.orders().clock());
    }

    /** For a rail of its own (QR): where it journals, whom it tells of slips, its clock. */
    public Refunded(PaymentBook book, OwedSlips slips, java.time.Clock clock) {
        this.book = book;
        this.slips = slips;
        this.clock = clock;
    }

    /** @return whether the sale is now refunded in full */
    public boolean commit(PaymentRow approved, PaymentRow sale) {
        return commit(approved, sale, c -> true, Journal.Also.nothing()).orElseThrow();
    }

    /**
     * As above, only if {@code claim} holds in the same transaction (run first), with {@code also}.
     *
     * @return empty if the claim failed (nothing written), else whether the sale is now refunded in full
     */
    public Optional<Boolean> commit(PaymentRow approved, PaymentRow sale, Journal.Work<Boolean> claim,
                                    Journal.Also also) {
        Instant now = clock.instant();
        PaymentRow refundedSale = sale.returned(PaymentState.REFUNDED, now);
        boolean[] full = {false};
        boolean saved = book.saveIf(claim,
                approved, "refund of " + approved.amount().amount() + " of " + sale.paymentId() + " approved", c -> {
                    also.run(c);
                    ReceiptTable.queue(c, approved.paymentId(), "MERCHANT", now);
                    ReceiptTable.queue(c, approved.paymentId(), "CUSTOMER", now);
                    if (ReturnTable.refunded(c, sale.paymentId()) >= sale.amount().amount()) {
                        full[0] = true;
                        PaymentTable.save(c, refundedSale, "refunded in full (last refund " + approved.paymentId() + ")");
                        OrderTable.transition(c, sale.orderId(), OrderState.PAID, OrderState.REFUNDED, now);
                    }
                });
        if (!saved) {
            return Optional.empty();
        }
        if (full[0]) {
            book.announce(refundedSale);
        }
        slips.nudge();
        return Optional.of(full[0]);
    }
}
