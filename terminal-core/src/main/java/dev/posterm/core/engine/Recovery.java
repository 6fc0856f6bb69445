package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Runs once at start, before the API opens: finishes every payment a crash or power cut left
 * mid-flow, from what its journaled step says the outside world may have seen.
 *
 * <ul>
 *   <li>OFFLINE_DECIDED: the card's final word is unknown; FAILED, its tentative advice discarded
 *       (a reversal, if the 0200 had left unanswered, was queued before the offline decision).</li>
 *   <li>AWAITING_CARD, CARD_READ: nothing left the terminal; FAILED, nothing charged.</li>
 *   <li>ONLINE_SENT, HOST_APPROVED, HOST_NO_ANSWER: the host may have approved and the card was
 *       never told the end: a reversal is queued (once, keyed by its original: MTI, STAN, field 7), the payment is FAILED or
 *       REVERSED, nothing charged.</li>
 *   <li>HOST_DECLINED: the host declined; DECLINED.</li>
 * </ul>
 * A void or refund is recovered by the same rules (it is journaled at ONLINE_SENT before its 0200
 * leaves), and gives back what it claimed of its sale.
 * Orders left PAYING with no payment in flight go back to UNPAID so the cashier can take payment.
 */
public final class Recovery {
    private final PaymentBook book;
    private final Clock clock;

    public Recovery(PaymentBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    /** @return how many payments were finished */
    public int run() {
        // A QR payment is the QR rail's to finish (it queries the gateway, then finishes or reverses).
        List<PaymentRow> unfinished = book.journal().read(PaymentTable::unfinished).stream()
                .filter(p -> p.method() != PaymentMethod.QR).toList();
        for (PaymentRow p : unfinished) {
            recover(p);
        }
        int orders = book.journal().inTransaction(c -> OrderTable.releaseStuckPaying(c, clock.instant())).size();
        if (!unfinished.isEmpty() || orders > 0) {
            Logger.warn("recovery finished {} interrupted payment(s) and released {} order(s)", unfinished.size(), orders);
        }
        return unfinished.size();
    }

    private void recover(PaymentRow p) {
        Instant now = clock.instant();
        PaymentRow done = switch (p.step()) {
            case AWAITING_CARD, CARD_READ, DONE -> p.finish(PaymentState.FAILED, Optional.of(ErrorCode.TERMINAL_RESTARTED.name()),
                    Optional.empty(), now);
            case HOST_DECLINED -> p.finish(PaymentState.DECLINED, Optional.of(ErrorCode.HOST_DECLINED.name()), Optional.empty(), now);
            case ONLINE_SENT, HOST_NO_ANSWER -> p.finish(PaymentState.FAILED, Optional.of(ErrorCode.TERMINAL_RESTARTED.name()),
                    Optional.empty(), now);
            case HOST_APPROVED -> p.finish(PaymentState.REVERSED, Optional.of(ErrorCode.TERMINAL_RESTARTED.name()),
                    Optional.empty(), now);
            case OFFLINE_DECIDED -> p.finish(PaymentState.FAILED, Optional.of(ErrorCode.TERMINAL_RESTARTED.name()),
                    Optional.empty(), now);
        };
        boolean reverse = p.stan().isPresent() && p.step().mayHoldHostApproval();
        book.save(done, "recovered after restart from " + p.step() + (reverse ? ": reversal queued" : ""), c -> {
            if (reverse) {
                ReversalTable.queue(c, p.stan().get(), p.paymentId(), "terminal restarted at " + p.step(), "0200",
                        p.card().flatMap(CardDetails::transmittedAt).orElseThrow(), now);
            }
            // The card's final answer to an offline approval never reached the journal: not advised.
            AdviceTable.discard(c, p.paymentId());
            // A void or refund cut short moved no money (its reversal sees to that): its claim goes back.
            ReturnTable.release(c, p);
            OrderTable.release(c, p.orderId(), now);   // EXPIRED instead once its pay-by time has passed
        });
        Logger.warn("payment {} was interrupted at {}: now {}", p.paymentId(), p.step(), done.state());
    }
}
