package dev.posterm.core.engine;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.OfflineBehavior;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.SafItem;
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
import org.tinylog.Logger;

/**
 * The engine behind the local API: orders, and payments of them. Card payments run one at a time
 * on the card lane (there is one reader); a second one while the lane is busy is refused with
 * {@link ErrorCode#TERMINAL_BUSY} rather than queued behind a customer who may walk away.
 */
public final class PaymentEngine implements Checkout, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Parts parts;
    private final EventHub events;
    private final ExecutorService cardLane = Executors.newSingleThreadExecutor(r -> new Thread(r, "card-lane"));
    private final AtomicReference<CardSale> current = new AtomicReference<>();
    private volatile boolean stopping;   // set under current's lock
    private volatile QrRail qr = QrRail.NONE;
    private final PayByTimers timers;
    private final Returns returns;

    /** What a card sale works with, by name: the engine's parts as the wiring gave them. */
    record Parts(Orders orders, CardLane lane, Offline offline, Owed owed, Alerts alerts) {
    }

    /**
     * @param orders  what orders and payments are recorded with
     * @param lane    the reader and the host a card sale talks to
     * @param offline what deciding a sale offline needs
     * @param owed    the ports that deliver what a commit leaves owed (reversals, slips, advices)
     * @param alerts  raised and cleared by a sale (the reader unavailable)
     * @param events  where the event stream is published
     */
    public PaymentEngine(Orders orders, CardLane lane, Offline offline, Owed owed, Alerts alerts, EventHub events) {
        this.parts = new Parts(orders, lane, offline, owed, alerts);
        this.events = events;
        this.timers = new PayByTimers(orders.clock(), this::onTimer);
        this.returns = new Returns(parts);
    }

    /**
     * Arms the pay-by timers of every open order and starts them; an order whose pay-by time
     * passed while the controller was down lapses now. Call once, after {@link Recovery}.
     */
    public void start() {
        for (OrderRow o : parts.orders().book().journal().read(OrderTable::open)) {
            if (lapse(o.orderId()).isEmpty()) {
                arm(o);
            }
        }
        timers.start();
    }

    private void arm(OrderRow o) {
        int before = parts.orders().remindBeforeSeconds();
        Instant remindAt = o.payBy().minusSeconds(before);
        if (before > 0 && remindAt.isAfter(o.createdAt())) {
            timers.arm(new PayByTimers.Due(remindAt, o.orderId(), PayByTimers.Kind.REMIND));
        }
        timers.arm(new PayByTimers.Due(o.payBy(), o.orderId(), PayByTimers.Kind.EXPIRE));
    }

    private void onTimer(PayByTimers.Due due) {
        switch (due.kind()) {
            case EXPIRE -> lapse(due.orderId());
            case REMIND -> findOrder(due.orderId())
                    .filter(o -> o.state() == OrderState.UNPAID || o.state() == OrderState.PAYING)
                    .ifPresent(this::remind);
        }
    }

    private void remind(OrderRow o) {
        Instant now = parts.orders().clock().instant();
        long left = Math.max(0, Duration.between(now, o.payBy()).toSeconds());
        Logger.info("order {} lapses in {} s: reminder sent", o.orderId(), left);
        events.publish(new TerminalEvent.OrderReminder(now, parts.orders().book().orderView(o), left));
    }

    /**
     * The order lapses to EXPIRED if it is still open and its pay-by time has come (a conditional
     * update: an approval committed first keeps it PAID). A card sale of the order still waiting
     * for a card is cancelled on the reader; one further on goes on, and its approval, if any, is
     * undone when it comes ({@link CardSale}).
     *
     * @return the order, if it lapsed now
     */
    private Optional<OrderRow> lapse(String orderId) {
        Instant now = parts.orders().clock().instant();
        // Read first: a transaction that writes nothing would count as a good write for the journal's health.
        if (findOrder(orderId).filter(o -> (o.state() == OrderState.UNPAID || o.state() == OrderState.PAYING)
                && !now.isBefore(o.payBy())).isEmpty()) {
            return Optional.empty();
        }
        Optional<OrderState> from = parts.orders().book().journal()
                .inTransaction(c -> OrderTable.expireIfDue(c, orderId, now));
        if (from.isEmpty()) {
            return Optional.empty();
        }
        OrderRow expired = findOrder(orderId).orElseThrow();
        Logger.info("order {} expired {} at its pay-by time {}", orderId, from.get(), expired.payBy());
        parts.orders().book().orderChanged(expired);
        CardSale sale = current.get();
        if (from.get() == OrderState.PAYING && sale != null && sale.orderId().equals(orderId)) {
            sale.orderExpired();
        }
        return Optional.of(expired);
    }

    /** QR payments go to {@code rail} from now on (the wiring, when a [wallet] is configured). */
    public void takeQrWith(QrRail rail) {
        this.qr = rail;
        if (rail instanceof QrReturns r) {
            returns.takeQrWith(r);   // QR voids and refunds go to the same rail
        }
    }

    @Override
    public Order createOrder(NewOrder request) throws Refused {
        String currency = parts.orders().terminal().currency();
        if (!request.amount().currency().equals(currency)) {
            throw new Refused(ErrorCode.CURRENCY_MISMATCH, "currency " + request.amount().currency()
                    + " is not the terminal's currency " + currency);
        }
        if (request.amount().amount() <= 0) {
            throw new Refused(ErrorCode.BAD_REQUEST, "amount must be a positive number of minor units");
        }
        int payWithin = request.payWithinSeconds().orElse(parts.orders().payWithinSeconds());
        if (payWithin < 1 || payWithin > 86_400) {
            throw new Refused(ErrorCode.BAD_REQUEST, "payWithinSeconds must be 1..86400, was " + payWithin);
        }
        JournalGate.ensureWritable(parts.orders().book().journal());
        String orderId = request.orderId().orElseGet(() -> "ord-" + randomHex(8));
        Instant now = parts.orders().clock().instant();
        OrderRow fresh = new OrderRow(orderId, request.amount().amount(), currency, request.description(),
                OrderState.UNPAID, now, now.plusSeconds(payWithin), now);
        OrderRow stored = JournalGate.firstWrite(parts.orders().book().journal(), () -> parts.orders().book().journal().inTransaction(c -> {
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
            arm(fresh);
            parts.orders().book().orderChanged(fresh);
        }
        return parts.orders().book().orderView(stored);
    }

    private static boolean sameOrder(OrderRow a, OrderRow b) {
        return a.amount() == b.amount() && a.currency().equals(b.currency()) && a.description().equals(b.description());
    }

    @Override
    public Optional<Order> order(String orderId) {
        return findOrder(orderId).map(o -> parts.orders().book().orderView(o));
    }

    @Override
    public Order cancelOrder(String orderId) throws Refused {
        OrderRow o = expireIfDue(findOrder(orderId).orElseThrow(() -> notFound(orderId)));
        if (o.state() != OrderState.UNPAID) {
            throw new Refused(ErrorCode.ORDER_NOT_CANCELLABLE, "order " + orderId + " is " + o.state());
        }
        OrderRow cancelled = o.withState(OrderState.CANCELLED, parts.orders().clock().instant());
        // Conditional, as a payment's start is: a payment that got the order first keeps it.
        if (!parts.orders().book().journal().inTransaction(c -> OrderTable.transition(c, orderId, OrderState.UNPAID,
                OrderState.CANCELLED, cancelled.updatedAt()))) {
            throw new Refused(ErrorCode.ORDER_NOT_CANCELLABLE, "order " + orderId
                    + " stopped being unpaid a moment ago: a payment started first");
        }
        Order view = parts.orders().book().orderView(cancelled);
        events.publish(new TerminalEvent.OrderChanged(parts.orders().clock().instant(), view));
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
        if (o.state() != OrderState.UNPAID) {
            throw new Refused(ErrorCode.ORDER_NOT_PAYABLE, "order " + orderId + " is " + o.state());
        }
        JournalGate.ensureWritable(parts.orders().book().journal());
        try {
            return switch (request.method()) {
                case CARD -> startCard(o, idempotencyKey, request.offlineBehavior(), fingerprint);
                case CASH -> takeCash(o, request.tendered(), idempotencyKey, fingerprint);
                case QR -> qr.start(o, request.qrCode(), idempotencyKey, fingerprint);
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
        Optional<PaymentRow> earlier = parts.orders().book().journal()
                .read(c -> PaymentTable.findByIdempotencyKey(c, orderId, key.get()));
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> asked = parts.orders().book().fingerprint(earlier.get().paymentId());
        if (asked.isPresent() && !asked.get().equals(fingerprint)) {
            throw new Refused(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key.get() + "' already started"
                    + " payment " + earlier.get().paymentId() + " of order " + orderId + " with another request;"
                    + " send a new key for a new request");
        }
        return Optional.of(parts.orders().book().view(earlier.get()));
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
            PaymentRow row = PaymentRow.sale("pay-" + randomHex(10), o.orderId(), PaymentMethod.CARD,
                    new Money(o.amount(), o.currency()), key, parts.orders().clock().instant());
            if (!JournalGate.firstWrite(parts.orders().book().journal(),
                    () -> parts.orders().book().startIfUnpaid(row, "waiting for a card", OrderState.PAYING, fingerprint))) {
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
            return parts.orders().book().view(row);
        }
    }

    /**
     * A cash sale: committed APPROVED with what was tendered and the change due, the order PAID and
     * the cash slip owed, in one transaction; only then does the drawer open and the slip print.
     * Without {@code tendered} the customer paid the exact amount.
     */
    private Payment takeCash(OrderRow o, Optional<Long> tendered, Optional<String> key, String fingerprint)
            throws Refused {
        if (tendered.isPresent() && tendered.get() < o.amount()) {
            throw new Refused(ErrorCode.BAD_REQUEST, "tendered " + tendered.get() + " is less than the amount due "
                    + o.amount());
        }
        Instant now = parts.orders().clock().instant();
        PaymentRow row = PaymentRow.cashSale("pay-" + randomHex(10), o.orderId(), new Money(o.amount(), o.currency()),
                tendered.orElse(o.amount()), key, now);
        long change = row.cash().orElseThrow().changeDue();
        if (!JournalGate.firstWrite(parts.orders().book().journal(),
                () -> parts.orders().book().startIfUnpaid(row, "cash: tendered " + row.cash().orElseThrow().tendered()
                        + ", change " + change, OrderState.PAID, fingerprint,
                        c -> ReceiptTable.queue(c, row.paymentId(), "CUSTOMER", now)))) {
            throw takenMeanwhile(o);
        }
        Logger.info("cash payment {} for order {}: change due {}", row.paymentId(), o.orderId(), change);
        parts.owed().drawer().open(row.paymentId());
        parts.owed().slips().nudge();
        return parts.orders().book().view(row);
    }

    private static Refused takenMeanwhile(OrderRow o) {
        return new Refused(ErrorCode.ORDER_NOT_PAYABLE, "order " + o.orderId()
                + " was taken by another request a moment ago (paid, being paid or cancelled)");
    }

    @Override
    public Optional<Payment> payment(String paymentId) {
        return parts.orders().book().find(paymentId).map(parts.orders().book()::view);
    }

    @Override
    public Optional<Payment> awaitPayment(String paymentId, Duration wait) throws InterruptedException {
        return parts.orders().book().await(paymentId, wait).map(parts.orders().book()::view);
    }

    @Override
    public Payment cancelPayment(String paymentId) throws Refused {
        PaymentRow row = parts.orders().book().find(paymentId).orElseThrow(
                () -> new Refused(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + paymentId));
        if (row.method() == PaymentMethod.QR) {
            if (row.state() != PaymentState.PENDING || !qr.cancel(paymentId)) {
                throw new Refused(ErrorCode.PAYMENT_NOT_CANCELLABLE, "QR payment " + paymentId + " is " + row.state());
            }
            return parts.orders().book().view(row);
        }
        CardSale sale = current.get();
        if (row.state() != PaymentState.PENDING || sale == null || !sale.paymentId().equals(paymentId) || !sale.cancel()) {
            throw new Refused(ErrorCode.PAYMENT_NOT_CANCELLABLE, "payment " + paymentId + " is " + row.state()
                    + (row.state() == PaymentState.PENDING ? " and its card has been read" : ""));
        }
        return parts.orders().book().view(row);
    }

    @Override
    public Payment voidPayment(String paymentId) throws Refused {
        return returns.voidSale(paymentId);
    }

    @Override
    public Payment refund(String paymentId, long amount, Optional<String> idempotencyKey) throws Refused {
        return returns.refund(paymentId, amount, idempotencyKey);
    }

    @Override
    public Payment printCopy(String paymentId) throws Refused {
        PaymentRow row = parts.orders().book().find(paymentId).orElseThrow(
                () -> new Refused(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + paymentId));
        boolean queued = row.state() != PaymentState.PENDING && parts.orders().book().journal().inTransaction(
                c -> ReceiptTable.queueCopy(c, paymentId, parts.orders().clock().instant()));
        if (!queued) {
            throw new Refused(ErrorCode.NO_RECEIPT_TO_COPY, "payment " + paymentId + " is " + row.state()
                    + (row.state() == PaymentState.PENDING ? "" : " and printed no slip"));
        }
        parts.owed().slips().nudge();
        return parts.orders().book().view(row);
    }

    /** The pay-by timers' thread beats {@code beat} (the watchdog's); before {@link #start()}. */
    public void watchTimers(dev.posterm.core.heartbeat.Heartbeat beat) {
        timers.watchedBy(beat);
    }

    /** How many pay-by timers wait (tests: a timer that fired is no longer counted). */
    int timersArmed() {
        return timers.armed();
    }

    /** True once {@link #close} has begun: no new card payment starts. */
    boolean stopping() {
        return stopping;
    }

    @Override
    public java.util.List<SafItem> safItems() {
        java.time.Duration maxAge = java.time.Duration.ofHours(parts.offline().maxAgeHours());
        return parts.owed().advices().items().stream().map(a -> new SafItem(a.paymentId(), String.format("%06d", a.stan()),
                a.amount(), parts.orders().terminal().currency(), a.maskedPan(), a.state(), a.createdAt(),
                "PENDING".equals(a.state()) ? Optional.of(a.createdAt().plus(maxAge)) : Optional.empty(), a.attempts(),
                a.responseCode(), a.setAsideReason())).toList();
    }

    @Override
    public int forwardSaf() {
        int waiting = (int) safItems().stream().filter(i -> "PENDING".equals(i.state())).count();
        parts.owed().advices().nudge();
        return waiting;
    }

    @Override
    public Optional<String> supportContact() {
        return parts.orders().book().supportContact();
    }

    @Override
    public AutoCloseable subscribe(Consumer<TerminalEvent> listener) {
        return events.subscribe(listener);
    }

    /**
     * Before a request changes an order: one whose pay-by time has come lapses now, even if its
     * timer has not fired yet (it fires within {@link PayByTimers#LOOK_AGAIN}), so no payment starts on it.
     */
    private OrderRow expireIfDue(OrderRow o) {
        return lapse(o.orderId()).orElse(o);
    }

    private Optional<OrderRow> findOrder(String orderId) {
        return parts.orders().book().journal().read(c -> OrderTable.find(c, orderId));
    }

    private static Refused notFound(String orderId) {
        return new Refused(ErrorCode.ORDER_NOT_FOUND, "no order " + orderId);
    }

    /**
     * Random hex for ids, drawn again while it holds 13 digits in a row: ids go into settlement
     * files, whose verifier refuses anything shaped like a card number (13 to 19 digits passing Luhn).
     */
    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(b);
            hex = HexFormat.of().formatHex(b);
        } while (CARD_LIKE.matcher(hex).find());
        return hex;
    }

    private static final java.util.regex.Pattern CARD_LIKE = java.util.regex.Pattern.compile("\\d{13}");

    /**
     * Stops taking card payments, then lets the one in flight end: a sale still waiting for a card
     * is cancelled on the reader; one past that finishes its step within the host timeout plus the
     * reader's final answer. One that has not ended by then is ended here, its reversal journaled
     * if the 0200 had left ({@link CardSale#stop}), before the lane is interrupted. Says in one log
     * line what it did.
     */
    @Override
    public void close() {
        close(parts.lane().hostTimeout().plus(CardSale.READER_FINAL));
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
        timers.close();
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
                    + parts.orders().book().find(id).map(p -> p.state().name()).orElse("?");
        }
        Optional<dev.posterm.core.journal.Step> at = sale.stop("the controller stopped");
        PaymentRow now = parts.orders().book().find(id).orElseThrow();
        return at.map(step -> "payment " + id + " still at " + step + " after " + grace.toMillis() + " ms: ended "
                + now.state() + (step.mayHoldHostApproval() ? ", reversal journaled" : ", nothing to reverse"))
                .orElse("payment " + id + " ended as it was stopped, " + now.state());
    }
}
