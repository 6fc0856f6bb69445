package dev.posterm.core.api;

import dev.posterm.core.engine.Checkout;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.status.TerminalStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A scriptable engine: keeps orders and payments in maps, logs every call it sees ({@link #calls}),
 * lets a test complete a payment ({@link #approve}) or publish an event ({@link #publish}), and
 * tells through latches when a long poll has started waiting and when a stream has subscribed.
 */
final class FakeCheckout implements Checkout {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch awaiting = new CountDownLatch(1);
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch unsubscribed = new CountDownLatch(1);
    final List<Consumer<TerminalEvent>> listeners = new CopyOnWriteArrayList<>();
    volatile RuntimeException failNext;

    private final Clock clock;
    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, Payment> payments = new HashMap<>();
    private final Map<String, String> paymentByKey = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    FakeCheckout(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Order createOrder(NewOrder request) throws Refused {
        calls.add("createOrder " + request.orderId().orElse("-") + " " + request.amount().amount()
                + " " + request.amount().currency());
        failIfScripted();
        String id = request.orderId().orElseGet(() -> "O-" + ids.incrementAndGet());
        Order existing = orders.get(id);
        if (existing != null) {
            if (!existing.amount().equals(request.amount()) || !existing.description().equals(request.description())) {
                throw new Refused(ErrorCode.ORDER_CONFLICT, "Order '" + id + "' exists with amount "
                        + existing.amount().amount() + " " + existing.amount().currency() + ".");
            }
            return existing;
        }
        Instant now = clock.instant();
        Order order = new Order(id, request.amount(), request.description(), OrderState.UNPAID, now,
                now.plusSeconds(request.payWithinSeconds().orElse(900)), List.of());
        orders.put(id, order);
        return order;
    }

    @Override
    public synchronized Optional<Order> order(String orderId) {
        calls.add("order " + orderId);
        failIfScripted();
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public synchronized Order cancelOrder(String orderId) throws Refused {
        calls.add("cancelOrder " + orderId);
        Order order = orders.get(orderId);
        if (order == null) {
            throw new Refused(ErrorCode.ORDER_NOT_FOUND, "No order with orderId '" + orderId + "'.");
        }
        if (order.state() != OrderState.UNPAID) {
            throw new Refused(ErrorCode.ORDER_NOT_CANCELLABLE, "Order '" + orderId + "' is " + order.state() + ".");
        }
        Order cancelled = new Order(order.orderId(), order.amount(), order.description(), OrderState.CANCELLED,
                order.createdAt(), order.payBy(), order.payments());
        orders.put(orderId, cancelled);
        return cancelled;
    }

    @Override
    public synchronized Payment startPayment(String orderId, NewPayment request, Optional<String> key) throws Refused {
        calls.add("startPayment " + orderId + " " + request.method() + " key=" + key.orElse("-"));
        if (key.isPresent() && paymentByKey.containsKey(orderId + "/" + key.get())) {
            return payments.get(paymentByKey.get(orderId + "/" + key.get()));
        }
        Order order = orders.get(orderId);
        if (order == null) {
            throw new Refused(ErrorCode.ORDER_NOT_FOUND, "No order with orderId '" + orderId + "'.");
        }
        Instant now = clock.instant();
        Payment payment = new Payment("P-" + ids.incrementAndGet(), orderId, request.method(), order.amount(),
                PaymentState.PENDING, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), now, now, Optional.empty());
        payments.put(payment.paymentId(), payment);
        key.ifPresent(k -> paymentByKey.put(orderId + "/" + k, payment.paymentId()));
        List<Payment> all = new ArrayList<>(order.payments());
        all.add(payment);
        orders.put(orderId, new Order(orderId, order.amount(), order.description(), OrderState.PAYING,
                order.createdAt(), order.payBy(), all));
        return payment;
    }

    @Override
    public synchronized Optional<Payment> payment(String paymentId) {
        calls.add("payment " + paymentId);
        return Optional.ofNullable(payments.get(paymentId));
    }

    @Override
    public synchronized Optional<Payment> awaitPayment(String paymentId, Duration wait) throws InterruptedException {
        calls.add("awaitPayment " + paymentId + " " + wait.toSeconds());
        long deadline = System.nanoTime() + wait.toNanos();
        awaiting.countDown();
        while (payments.containsKey(paymentId) && !payments.get(paymentId).state().isFinal()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.ofNullable(payments.get(paymentId));
    }

    @Override
    public synchronized Payment voidPayment(String paymentId) throws Refused {
        calls.add("voidPayment " + paymentId);
        throw new Refused(ErrorCode.PAYMENT_NOT_FOUND, "No payment with paymentId '" + paymentId + "'.");
    }

    @Override
    public synchronized Payment refund(String paymentId, long amount, Optional<String> idempotencyKey) throws Refused {
        calls.add("refund " + paymentId + " " + amount);
        throw new Refused(ErrorCode.PAYMENT_NOT_FOUND, "No payment with paymentId '" + paymentId + "'.");
    }

    @Override
    public synchronized Payment cancelPayment(String paymentId) throws Refused {
        calls.add("cancelPayment " + paymentId);
        Payment p = payments.get(paymentId);
        if (p == null) {
            throw new Refused(ErrorCode.PAYMENT_NOT_FOUND, "No payment with paymentId '" + paymentId + "'.");
        }
        return replace(p, PaymentState.CANCELLED, Optional.of(ErrorCode.CANCELLED), Optional.empty());
    }

    @Override
    public synchronized Payment printCopy(String paymentId) throws Refused {
        calls.add("printCopy " + paymentId);
        Payment p = payments.get(paymentId);
        if (p == null) {
            throw new Refused(ErrorCode.PAYMENT_NOT_FOUND, "No payment with paymentId '" + paymentId + "'.");
        }
        if (!p.state().isFinal()) {
            throw new Refused(ErrorCode.NO_RECEIPT_TO_COPY, "payment " + paymentId + " is " + p.state());
        }
        return p;
    }

    /** Approves a pending payment as the engine would after the host's reply, and wakes long polls. */
    synchronized Payment approve(String paymentId) {
        return replace(payments.get(paymentId), PaymentState.APPROVED, Optional.empty(), Optional.of("123456"));
    }

    /** Declines a pending payment with a catalogue code. */
    synchronized Payment decline(String paymentId, ErrorCode why) {
        return replace(payments.get(paymentId), PaymentState.DECLINED, Optional.of(why), Optional.empty());
    }

    private Payment replace(Payment p, PaymentState state, Optional<ErrorCode> error, Optional<String> authCode) {
        Instant now = clock.instant();
        Payment done = new Payment(p.paymentId(), p.orderId(), p.method(), p.amount(), state,
                Optional.of(error.isPresent() ? "05" : "00"), error, authCode, Optional.of("123456789012"),
                Optional.of("000042"), Optional.of("************1234"), Optional.of("CHIP"), p.createdAt(), now,
                Optional.of(now));
        payments.put(p.paymentId(), done);
        notifyAll();
        publish(new TerminalEvent.PaymentChanged(now, done));
        return done;
    }

    void publish(TerminalEvent event) {
        listeners.forEach(listener -> listener.accept(event));
    }

    /** What GET /saf shows; tests set it. */
    volatile List<dev.posterm.core.payment.SafItem> saf = List.of();
    volatile int forwards;

    @Override
    public List<dev.posterm.core.payment.SafItem> safItems() {
        calls.add("safItems");
        return saf;
    }

    @Override
    public int forwardSaf() {
        calls.add("forwardSaf");
        forwards++;
        return (int) saf.stream().filter(i -> "PENDING".equals(i.state())).count();
    }

    /** What the API is given as the terminal's status. */
    public TerminalStatus status() {
        calls.add("status");
        Instant t = clock.instant();
        return new TerminalStatus("T0000001", "0.1.0", t,
                new TerminalStatus.Link("ONLINE", t, "host answered", Optional.of(new TerminalStatus.Modem(Optional.of(-71), "HOME"))),
                new TerminalStatus.Devices(new TerminalStatus.Device("OK", "ready"), new TerminalStatus.Device("OK", "ready"), "OK"),
                new TerminalStatus.StoreAndForward(0, 0, Optional.empty()), 0,
                List.of(new dev.posterm.core.alerts.Alert("PAPER_LOW", "Paper is running low.", "打印纸即将用完。", t)),
                new TerminalStatus.BatchTotals("000001", 2, 2500, 0, 0, "CNY"));
    }

    @Override
    public AutoCloseable subscribe(Consumer<TerminalEvent> listener) {
        calls.add("subscribe");
        listeners.add(listener);
        subscribed.countDown();
        return () -> {
            listeners.remove(listener);
            unsubscribed.countDown();
        };
    }

    private void failIfScripted() {
        RuntimeException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
    }
}
