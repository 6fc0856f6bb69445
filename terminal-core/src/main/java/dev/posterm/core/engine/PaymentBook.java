package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRequestTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.QrDetails;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Payments and orders as journaled, with what follows each committed change: waiters on
 * {@code waitSeconds} wake up and the event stream hears of it. A change is visible to nobody
 * before it is committed.
 */
public final class PaymentBook {
    private final Journal journal;
    private final EventHub events;
    private final Clock clock;
    private final Object changed = new Object();

    public PaymentBook(Journal journal, EventHub events, Clock clock) {
        this.journal = journal;
        this.events = events;
        this.clock = clock;
    }

    public Journal journal() {
        return journal;
    }

    /** Commits the payment (and {@code also}, in the same transaction), then tells whoever waits. */
    public PaymentRow save(PaymentRow row, String detail, Journal.Also also) {
        journal.inTransaction(c -> {
            PaymentTable.save(c, row, detail);
            also.run(c);
            return null;
        });
        committed(row);
        return row;
    }

    /**
     * Commits the payment only if {@code condition}, run first in the same transaction, holds (a
     * conditional order change); true when committed.
     */
    public boolean saveIf(PaymentRow row, String detail, Journal.Work<Boolean> condition) {
        boolean saved = journal.inTransaction(c -> {
            if (!condition.run(c)) {
                return false;
            }
            PaymentTable.save(c, row, detail);
            return true;
        });
        if (saved) {
            committed(row);
        }
        return saved;
    }

    /**
     * Commits a new payment with its request's fingerprint, and moves its order from UNPAID to
     * {@code orderState} in the same transaction, only if the order is still UNPAID and no payment
     * of the order holds the row's Idempotency-Key yet. The conditional UPDATE decides between
     * requests that race for one order: false, and nothing written, for the one that came second.
     */
    public boolean startIfUnpaid(PaymentRow row, String detail, OrderState orderState, String fingerprint) {
        boolean started = journal.inTransaction(c -> {
            if (row.idempotencyKey().isPresent()
                    && PaymentTable.findByIdempotencyKey(c, row.orderId(), row.idempotencyKey().get()).isPresent()) {
                return false;
            }
            if (!OrderTable.transition(c, row.orderId(), OrderState.UNPAID, orderState, row.updatedAt())) {
                return false;
            }
            PaymentTable.save(c, row, detail);
            PaymentRequestTable.insert(c, row.paymentId(), fingerprint);
            return true;
        });
        if (started) {
            committed(row);
        }
        return started;
    }

    /** The fingerprint of the request that started the payment; empty for one older than fingerprints. */
    public Optional<String> fingerprint(String paymentId) {
        return journal.read(c -> PaymentRequestTable.fingerprint(c, paymentId));
    }

    private void committed(PaymentRow row) {
        events.publish(new TerminalEvent.PaymentChanged(clock.instant(), view(row)));
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    public PaymentRow save(PaymentRow row, String detail) {
        return save(row, detail, Journal.Also.nothing());
    }

    public Optional<PaymentRow> find(String paymentId) {
        return journal.read(c -> PaymentTable.find(c, paymentId));
    }

    /** Waits until the payment leaves PENDING or {@code wait} passes. */
    public Optional<PaymentRow> await(String paymentId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (changed) {
            while (true) {
                Optional<PaymentRow> row = find(paymentId);
                long left = deadline - System.nanoTime();
                if (row.isEmpty() || row.get().state() != PaymentState.PENDING || left <= 0) {
                    return row;
                }
                changed.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public Order orderView(OrderRow o) {
        List<Payment> payments = journal.read(c -> PaymentTable.forOrder(c, o.orderId())).stream()
                .map(PaymentBook::view).toList();
        return new Order(o.orderId(), new Money(o.amount(), o.currency()), o.description(),
                o.state(), o.createdAt(), o.payBy(), payments);
    }

    public static Payment view(PaymentRow p) {
        Optional<CardDetails> card = p.card();
        return new Payment(p.paymentId(), p.orderId(), p.method(), p.amount(), p.state(),
                card.flatMap(CardDetails::responseCode).or(() -> p.qr().flatMap(QrDetails::errCode)), p.errorCode().map(ErrorCode::valueOf),
                card.flatMap(CardDetails::authCode), card.flatMap(CardDetails::rrn),
                p.stan().map(s -> String.format("%06d", s)), card.flatMap(CardDetails::maskedPan),
                card.flatMap(CardDetails::entryMode), p.createdAt(), p.updatedAt(), p.times().completedAt(),
                p.qr().map(QrDetails::wallet), p.qr().map(QrDetails::outTradeNo));
    }
}
