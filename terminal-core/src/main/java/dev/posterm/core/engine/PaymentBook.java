package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRequestTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import java.sql.Connection;
import java.sql.SQLException;
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

    /** More work for the same transaction. */
    @FunctionalInterface
    public interface Also {
        void run(Connection c) throws SQLException;
    }

    /** Commits the payment (and {@code also}, in the same transaction), then tells whoever waits. */
    public PaymentRow save(PaymentRow row, String detail, Also also) {
        journal.inTransaction(c -> {
            PaymentTable.save(c, row, detail);
            also.run(c);
            return null;
        });
        committed(row);
        return row;
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
            if (!OrderTable.transition(c, row.orderId(), OrderState.UNPAID.name(), orderState.name(), row.updatedAt())) {
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
        return save(row, detail, c -> { });
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
                if (row.isEmpty() || !"PENDING".equals(row.get().state()) || left <= 0) {
                    return row;
                }
                changed.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Sets the order's state in the same transaction as a payment change. */
    public static void orderState(Connection c, String orderId, OrderState state, java.time.Instant now)
            throws SQLException {
        OrderRow o = OrderTable.find(c, orderId).orElseThrow(() -> new SQLException("order " + orderId + " missing"));
        OrderTable.updateState(c, o.withState(state.name(), now));
    }

    public Order orderView(OrderRow o) {
        List<Payment> payments = journal.read(c -> PaymentTable.forOrder(c, o.orderId())).stream()
                .map(PaymentBook::view).toList();
        return new Order(o.orderId(), new Money(o.amount(), o.currency()), o.description(),
                OrderState.valueOf(o.state()), o.createdAt(), o.payBy(), payments);
    }

    public static Payment view(PaymentRow p) {
        return new Payment(p.paymentId(), p.orderId(), PaymentMethod.valueOf(p.method()),
                new Money(p.amount(), p.currency()), PaymentState.valueOf(p.state()), p.responseCode(),
                p.errorCode().map(ErrorCode::valueOf), p.authCode(), p.rrn(), p.stan().map(s -> String.format("%06d", s)),
                p.maskedPan(), p.entryMode(), p.createdAt(), p.updatedAt(), p.completedAt());
    }
}
