package dev.posterm.core.engine;

import dev.posterm.core.errors.CashierMessage;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.HostResponse;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.CashDetails;
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
    private final Optional<String> supportContact;

    public PaymentBook(Journal journal, EventHub events, Clock clock) {
        this(journal, events, clock, Optional.empty());
    }

    /** {@code supportContact}: terminal.support_contact, added to messages that say to call support. */
    public PaymentBook(Journal journal, EventHub events, Clock clock, Optional<String> supportContact) {
        this.journal = journal;
        this.events = events;
        this.clock = clock;
        this.supportContact = supportContact;
    }

    /** terminal.support_contact, if configured. */
    public Optional<String> supportContact() {
        return supportContact;
    }

    public Journal journal() {
        return journal;
    }

    /** Commits the payment (and {@code also}, in the same transaction), then tells whoever waits. */
    public PaymentRow save(PaymentRow row, String detail, Journal.Also also) {
        saveIf(c -> true, row, detail, also);
        return row;
    }

    /**
     * Commits the payment and {@code also} only if {@code claim} holds in the same transaction
     * (the claim runs first and may itself write, e.g. a conditional update of the order); false,
     * and nothing written, when it does not. After the commit, whoever waits is told, and the event
     * stream hears of the payment and, if the commit moved it, of its order.
     */
    public boolean saveIf(Journal.Work<Boolean> claim, PaymentRow row, String detail, Journal.Also also) {
        Committed done = journal.inTransaction(c -> {
            Optional<OrderState> before = OrderTable.find(c, row.orderId()).map(OrderRow::state);
            if (!claim.run(c)) {
                return null;
            }
            PaymentTable.save(c, row, detail);
            also.run(c);
            Optional<OrderRow> after = OrderTable.find(c, row.orderId());
            return new Committed(after.filter(o -> before.isEmpty() || o.state() != before.get()));
        });
        if (done == null) {
            return false;
        }
        committed(row);
        done.orderMoved().ifPresent(this::orderChanged);
        return true;
    }

    /** What a commit did to the payment's order: present when it changed the order's state. */
    private record Committed(Optional<OrderRow> orderMoved) {
    }

    /** Tells the event stream that the order's state changed (after the commit that changed it). */
    public void orderChanged(OrderRow o) {
        events.publish(new TerminalEvent.OrderChanged(clock.instant(), orderView(o)));
    }

    /**
     * Commits a new payment with its request's fingerprint, and moves its order from UNPAID to
     * {@code orderState} in the same transaction, only if the order is still UNPAID and no payment
     * of the order holds the row's Idempotency-Key yet. The conditional UPDATE decides between
     * requests that race for one order: false, and nothing written, for the one that came second.
     */
    public boolean startIfUnpaid(PaymentRow row, String detail, OrderState orderState, String fingerprint) {
        return startIfUnpaid(row, detail, orderState, fingerprint, Journal.Also.nothing());
    }

    /** As above, with {@code also} in the same transaction (a cash payment's details and slip). */
    public boolean startIfUnpaid(PaymentRow row, String detail, OrderState orderState, String fingerprint,
                                 Journal.Also also) {
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
            also.run(c);
            return true;
        });
        if (started) {
            committed(row);
            journal.read(c -> OrderTable.find(c, row.orderId())).ifPresent(this::orderChanged);
        }
        return started;
    }

    /** The fingerprint of the request that started the payment; empty for one older than fingerprints. */
    public Optional<String> fingerprint(String paymentId) {
        return journal.read(c -> PaymentRequestTable.fingerprint(c, paymentId));
    }

    /**
     * Tells waiters and the event stream of a payment committed as part of another's commit (a sale
     * voided or refunded in its return's commit, see {@link #saveIf}).
     */
    public void announce(PaymentRow row) {
        committed(row);
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
                .map(this::view).toList();
        return new Order(o.orderId(), new Money(o.amount(), o.currency()), o.description(),
                o.state(), o.createdAt(), o.payBy(), payments);
    }

    /**
     * The payment as the API shows it: the message for its outcome (a host decline's own, by its
     * response code), with the support contact where it says to call support. A lost or stolen
     * card's response code is left out: the customer sees a plain decline, the journal keeps it.
     */
    public Payment view(PaymentRow p) {
        Optional<CardDetails> card = p.card();
        Optional<ErrorCode> error = p.errorCode().map(ErrorCode::valueOf);
        Optional<String> rc = card.flatMap(CardDetails::responseCode);
        boolean discreet = rc.flatMap(HostResponse::of).map(HostResponse::discreet).orElse(false);
        return new Payment(p.paymentId(), p.orderId(), p.method(), p.amount(), p.state(),
                (discreet ? Optional.<String>empty() : rc).or(() -> p.qr().flatMap(QrDetails::errCode)), error,
                card.flatMap(CardDetails::authCode), card.flatMap(CardDetails::rrn),
                p.stan().map(s -> String.format("%06d", s)), card.flatMap(CardDetails::maskedPan),
                card.flatMap(CardDetails::entryMode), p.createdAt(), p.updatedAt(), p.times().completedAt(),
                CashierMessage.forOutcome(error, rc).map(m -> m.withSupport(supportContact)),
                p.cash().map(CashDetails::tendered), p.cash().map(CashDetails::changeDue),
                p.qr().map(QrDetails::wallet), p.qr().map(QrDetails::outTradeNo), p.type(), p.originalPaymentId());
    }
}
