package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.status.TerminalStatus;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The engine behind the local API: orders, and payments of them. Card payments run one at a time
 * on the card lane (there is one reader); a second one while the lane is busy is refused with
 * {@link ErrorCode#TERMINAL_BUSY} rather than queued behind a customer who may walk away.
 */
public final class PaymentEngine implements Checkout, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EngineParts parts;
    private final EventHub events;
    private final Supplier<TerminalStatus> status;
    private final ExecutorService cardLane = Executors.newSingleThreadExecutor(r -> new Thread(r, "card-lane"));
    private final AtomicReference<CardSale> current = new AtomicReference<>();
    private volatile boolean stopping;   // set under current's lock

    public PaymentEngine(EngineParts parts, EventHub events, Supplier<TerminalStatus> status) {
        this.parts = parts;
        this.events = events;
        this.status = status;
    }

    @Override
    public Order createOrder(NewOrder request) throws Refused {
        String currency = parts.terminal().currency();
        if (!request.amount().currency().equals(currency)) {
            throw new Refused(ErrorCode.CURRENCY_MISMATCH, "currency " + request.amount().currency()
                    + " is not the terminal's currency " + currency);
        }
        if (request.amount().amount() <= 0) {
            throw new Refused(ErrorCode.BAD_REQUEST, "amount must be a positive number of minor units");
        }
        int payWithin = request.payWithinSeconds().orElse(parts.payWithinSeconds());
        if (payWithin < 1 || payWithin > 86_400) {
            throw new Refused(ErrorCode.BAD_REQUEST, "payWithinSeconds must be 1..86400, was " + payWithin);
        }
        JournalGate.ensureWritable(parts.book().journal());
        String orderId = request.orderId().orElseGet(() -> "ord-" + randomHex(8));
        Instant now = parts.clock().instant();
        OrderRow fresh = new OrderRow(orderId, request.amount().amount(), currency, request.description(),
                OrderState.UNPAID.name(), now, now.plusSeconds(payWithin), now);
        OrderRow stored = JournalGate.firstWrite(parts.book().journal(), () -> parts.book().journal().inTransaction(c -> {
            Optional<OrderRow> existing = OrderTable.find(c, orderId);
            if (existing.isEmpty()) {
                OrderTable.insert(c, fresh);
                return fresh;
            }
            return existing.get();
        }));
        if (stored != fresh && !sameOrder(stored, fresh)) {
            throw new Refused(ErrorCode.ORDER_CONFLICT, "order " + orderId + " exists with amount " + stored.amount()
                    + " " + stored.currency() + " and another description or amount");
        }
        if (stored == fresh) {
            Logger.info("order {} created: {} {}", orderId, fresh.amount(), currency);
        }
        return parts.book().orderView(expireIfDue(stored));
    }

    private static boolean sameOrder(OrderRow a, OrderRow b) {
        return a.amount() == b.amount() && a.currency().equals(b.currency()) && a.description().equals(b.description());
    }

    @Override
    public Optional<Order> order(String orderId) {
        return findOrder(orderId).map(o -> parts.book().orderView(expireIfDue(o)));
    }

    @Override
    public Order cancelOrder(String orderId) throws Refused {
        OrderRow o = expireIfDue(findOrder(orderId).orElseThrow(() -> notFound(orderId)));
        if (!OrderState.UNPAID.name().equals(o.state())) {
            throw new Refused(ErrorCode.ORDER_NOT_CANCELLABLE, "order " + orderId + " is " + o.state());
        }
        OrderRow cancelled = o.withState(OrderState.CANCELLED.name(), parts.clock().instant());
        // Conditional, as a payment's start is: a payment that got the order first keeps it.
        if (!parts.book().journal().inTransaction(c -> OrderTable.transition(c, orderId, OrderState.UNPAID.name(),
                OrderState.CANCELLED.name(), cancelled.updatedAt()))) {
            throw new Refused(ErrorCode.ORDER_NOT_CANCELLABLE, "order " + orderId
                    + " stopped being unpaid a moment ago: a payment started first");
        }
        Order view = parts.book().orderView(cancelled);
        events.publish(new TerminalEvent.OrderChanged(parts.clock().instant(), view));
        return view;
    }

    @Override
    public Payment startPayment(String orderId, NewPayment request, Optional<String> idempotencyKey) throws Refused {
        OrderRow o = expireIfDue(findOrder(orderId).orElseThrow(() -> notFound(orderId)));
        String fingerprint = request.fingerprint();
        Optional<Payment> again = sameRequest(orderId, idempotencyKey, fingerprint);
        if (again.isPresent()) {
            return again.get();
        }
        if (!OrderState.UNPAID.name().equals(o.state())) {
            throw new Refused(ErrorCode.ORDER_NOT_PAYABLE, "order " + orderId + " is " + o.state());
        }
        JournalGate.ensureWritable(parts.book().journal());
        try {
            return switch (request.method()) {
                case CARD -> startCard(o, idempotencyKey, request.offlineBehavior(), fingerprint);
                case CASH -> takeCash(o, request.tendered(), idempotencyKey, fingerprint);
                case QR -> throw new Refused(ErrorCode.PAYMENT_METHOD_UNSUPPORTED,
                        "QR payments need a wallet gateway, which this terminal does not have configured");
            };
        } catch (Refused lost) {
            // Another request got the order (or the reader) between the reads above and our
            // transaction. Carrying the same key, it was this request's twin: its payment is the answer.
            if (lost.code() != ErrorCode.ORDER_NOT_PAYABLE && lost.code() != ErrorCode.TERMINAL_BUSY) {
                throw lost;
            }
            return sameRequest(orderId, idempotencyKey, fingerprint).orElseThrow(() -> lost);
        }
    }

    /**
     * The payment an earlier request with this Idempotency-Key started, when this request is that
     * one again; another request reusing the key is refused. A payment from before the journal kept
     * fingerprints cannot be compared and counts as the same request, as it did then.
     */
    private Optional<Payment> sameRequest(String orderId, Optional<String> key, String fingerprint) throws Refused {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<PaymentRow> earlier = parts.book().journal()
                .read(c -> PaymentTable.findByIdempotencyKey(c, orderId, key.get()));
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> asked = parts.book().fingerprint(earlier.get().paymentId());
        if (asked.isPresent() && !asked.get().equals(fingerprint)) {
            throw new Refused(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key.get() + "' already started"
                    + " payment " + earlier.get().paymentId() + " of order " + orderId + " with another request;"
                    + " send a new key for a new request");
        }
        return Optional.of(PaymentBook.view(earlier.get()));
    }

    private Payment startCard(OrderRow o, Optional<String> key, OfflineBehavior behavior, String fingerprint)
            throws Refused {
        synchronized (current) {
            if (stopping) {
                throw new Refused(ErrorCode.TERMINAL_BUSY, "the terminal is stopping");
            }
            if (current.get() != null && !current.get().finished()) {
                throw new Refused(ErrorCode.TERMINAL_BUSY, "card payment " + current.get().paymentId()
                        + " is in progress on the reader");
            }
            PaymentRow row = PaymentRow.start("pay-" + randomHex(10), o.orderId(), PaymentMethod.CARD.name(),
                    o.amount(), o.currency(), key, parts.clock().instant());
            if (!JournalGate.firstWrite(parts.book().journal(),
                    () -> parts.book().startIfUnpaid(row, "waiting for a card", OrderState.PAYING, fingerprint))) {
                throw takenMeanwhile(o);
            }
            CardSale sale = new CardSale(parts, row, behavior);
            current.set(sale);
            cardLane.execute(() -> {
                try {
                    sale.run();
                } finally {
                    current.compareAndSet(sale, null);
                }
            });
            Logger.info("card payment {} started for order {}", row.paymentId(), o.orderId());
            return PaymentBook.view(row);
        }
    }

    private Payment takeCash(OrderRow o, Optional<Long> tendered, Optional<String> key, String fingerprint)
            throws Refused {
        if (tendered.isPresent() && tendered.get() < o.amount()) {
            throw new Refused(ErrorCode.BAD_REQUEST, "tendered " + tendered.get() + " is less than the amount due "
                    + o.amount());
        }
        Instant now = parts.clock().instant();
        PaymentRow row = PaymentRow.start("pay-" + randomHex(10), o.orderId(), PaymentMethod.CASH.name(), o.amount(),
                o.currency(), key, now).finish("APPROVED", Optional.empty(), Optional.empty(), now);
        if (!JournalGate.firstWrite(parts.book().journal(),
                () -> parts.book().startIfUnpaid(row, "cash", OrderState.PAID, fingerprint))) {
            throw takenMeanwhile(o);
        }
        return PaymentBook.view(row);
    }

    private static Refused takenMeanwhile(OrderRow o) {
        return new Refused(ErrorCode.ORDER_NOT_PAYABLE, "order " + o.orderId()
                + " was taken by another request a moment ago (paid, being paid or cancelled)");
    }

    @Override
    public Optional<Payment> payment(String paymentId) {
        return parts.book().find(paymentId).map(PaymentBook::view);
    }

    @Override
    public Optional<Payment> awaitPayment(String paymentId, Duration wait) throws InterruptedException {
        return parts.book().await(paymentId, wait).map(PaymentBook::view);
    }

    @Override
    public Payment cancelPayment(String paymentId) throws Refused {
        PaymentRow row = parts.book().find(paymentId).orElseThrow(
                () -> new Refused(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + paymentId));
        CardSale sale = current.get();
        if (!"PENDING".equals(row.state()) || sale == null || !sale.paymentId().equals(paymentId) || !sale.cancel()) {
            throw new Refused(ErrorCode.PAYMENT_NOT_CANCELLABLE, "payment " + paymentId + " is " + row.state()
                    + ("PENDING".equals(row.state()) ? " and its card has been read" : ""));
        }
        return PaymentBook.view(row);
    }

    @Override
    public Payment printCopy(String paymentId) throws Refused {
        PaymentRow row = parts.book().find(paymentId).orElseThrow(
                () -> new Refused(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + paymentId));
        boolean queued = !"PENDING".equals(row.state()) && parts.book().journal().inTransaction(
                c -> ReceiptTable.queueCopy(c, paymentId, parts.clock().instant()));
        if (!queued) {
            throw new Refused(ErrorCode.NO_RECEIPT_TO_COPY, "payment " + paymentId + " is " + row.state()
                    + ("PENDING".equals(row.state()) ? "" : " and printed no slip"));
        }
        parts.spooler().nudge();
        return PaymentBook.view(row);
    }

    /** True once {@link #close} has begun: no new card payment starts. */
    boolean stopping() {
        return stopping;
    }

    @Override
    public TerminalStatus status() {
        return status.get();
    }

    @Override
    public java.util.List<SafItem> safItems() {
        java.time.Duration maxAge = java.time.Duration.ofHours(parts.offline().maxAgeHours());
        return parts.offline().saf().items().stream().map(a -> new SafItem(a.paymentId(), String.format("%06d", a.stan()),
                a.amount(), parts.terminal().currency(), a.maskedPan(), a.state(), a.createdAt(),
                "PENDING".equals(a.state()) ? Optional.of(a.createdAt().plus(maxAge)) : Optional.empty(), a.attempts(),
                a.responseCode(), a.setAsideReason())).toList();
    }

    @Override
    public int forwardSaf() {
        int waiting = (int) safItems().stream().filter(i -> "PENDING".equals(i.state())).count();
        parts.offline().saf().nudge();
        return waiting;
    }

    @Override
    public AutoCloseable subscribe(Consumer<TerminalEvent> listener) {
        return events.subscribe(listener);
    }

    /** An unpaid order past its pay-by time becomes EXPIRED (journaled when first noticed). */
    private OrderRow expireIfDue(OrderRow o) {
        Instant now = parts.clock().instant();
        if (!OrderState.UNPAID.name().equals(o.state()) || now.isBefore(o.payBy())) {
            return o;
        }
        OrderRow expired = o.withState(OrderState.EXPIRED.name(), now);
        if (!parts.book().journal().inTransaction(c -> OrderTable.transition(c, o.orderId(),
                OrderState.UNPAID.name(), OrderState.EXPIRED.name(), now))) {
            return findOrder(o.orderId()).orElse(o); // a payment or a cancel got there first
        }
        Logger.info("order {} expired unpaid", o.orderId());
        return expired;
    }

    private Optional<OrderRow> findOrder(String orderId) {
        return parts.book().journal().read(c -> OrderTable.find(c, orderId));
    }

    private static Refused notFound(String orderId) {
        return new Refused(ErrorCode.ORDER_NOT_FOUND, "no order " + orderId);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Stops taking card payments, then lets the one in flight end: a sale still waiting for a card
     * is cancelled on the reader; one past that finishes its step within the host timeout plus the
     * reader's final answer. One that has not ended by then is ended here, its reversal journaled
     * if the 0200 had left ({@link CardSale#stop}), before the lane is interrupted. Says in one log
     * line what it did.
     */
    @Override
    public void close() {
        close(parts.hostTimeout().plus(CardSale.READER_FINAL));
    }

    /** {@link #close()} with another grace for the step in flight (tests). */
    void close(Duration grace) {
        CardSale sale;
        synchronized (current) {
            if (stopping) {
                return;
            }
            stopping = true;   // a startCard in progress has registered its sale: we hold its lock
            sale = current.get();
        }
        long t0 = System.nanoTime();
        cardLane.shutdown();
        String did = sale == null || sale.finished() ? "no card payment in flight" : endInFlight(sale, grace);
        cardLane.shutdownNow();
        Logger.info("card lane stopped after {} ms: {}", (System.nanoTime() - t0) / 1_000_000, did);
    }

    private String endInFlight(CardSale sale, Duration grace) {
        boolean cancelled = sale.cancel();
        // Says why stopping may take up to the grace; also the point a test waits for before it lets the step end.
        Logger.info("card lane stopping: waiting up to {} ms for payment {} to end its step", grace.toMillis(),
                sale.paymentId());
        boolean done;
        try {
            done = cardLane.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        String id = sale.paymentId();
        if (done || sale.finished()) {
            return "payment " + id + (cancelled ? " cancelled on the reader, " : " finished its step, ")
                    + parts.book().find(id).map(PaymentRow::state).orElse("?");
        }
        Optional<dev.posterm.core.journal.Step> at = sale.stop("the controller stopped");
        PaymentRow now = parts.book().find(id).orElseThrow();
        return at.map(step -> "payment " + id + " still at " + step + " after " + grace.toMillis() + " ms: ended "
                + now.state() + (step.mayHoldHostApproval() ? ", reversal journaled" : ", nothing to reverse"))
                .orElse("payment " + id + " ended as it was stopped, " + now.state());
    }
}
