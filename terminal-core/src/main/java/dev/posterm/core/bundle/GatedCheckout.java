package dev.posterm.core.bundle;

import dev.posterm.core.engine.Checkout;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.SafItem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine as the API sees it while configurations may change: every call goes through, except
 * that a payment, a void or a refund starts only through the {@link PaymentGate} (each moves money
 * with the host under the configuration it started with). Orders are still taken (they charge
 * nothing), so a register can prepare the sale and pay it once the terminal is ready.
 */
public final class GatedCheckout implements Checkout {
    private final Checkout engine;
    private final PaymentGate gate;

    public GatedCheckout(Checkout engine, PaymentGate gate) {
        this.engine = engine;
        this.gate = gate;
    }

    @Override
    public Payment startPayment(String orderId, NewPayment request, Optional<String> idempotencyKey) throws Refused {
        gate.enter();
        try {
            return engine.startPayment(orderId, request, idempotencyKey);
        } finally {
            gate.leave();
        }
    }

    @Override
    public Payment voidPayment(String paymentId) throws Refused {
        gate.enter();
        try {
            return engine.voidPayment(paymentId);
        } finally {
            gate.leave();
        }
    }

    @Override
    public Payment refund(String paymentId, long amount, Optional<String> idempotencyKey) throws Refused {
        gate.enter();
        try {
            return engine.refund(paymentId, amount, idempotencyKey);
        } finally {
            gate.leave();
        }
    }

    @Override
    public Order createOrder(NewOrder request) throws Refused {
        return engine.createOrder(request);
    }

    @Override
    public Optional<Order> order(String orderId) {
        return engine.order(orderId);
    }

    @Override
    public Order cancelOrder(String orderId) throws Refused {
        return engine.cancelOrder(orderId);
    }

    @Override
    public Optional<Payment> payment(String paymentId) {
        return engine.payment(paymentId);
    }

    @Override
    public Optional<Payment> awaitPayment(String paymentId, Duration wait) throws InterruptedException {
        return engine.awaitPayment(paymentId, wait);
    }

    @Override
    public Payment cancelPayment(String paymentId) throws Refused {
        return engine.cancelPayment(paymentId);
    }

    @Override
    public Payment printCopy(String paymentId) throws Refused {
        return engine.printCopy(paymentId);
    }

    @Override
    public List<SafItem> safItems() {
        return engine.safItems();
    }

    @Override
    public int forwardSaf() {
        return engine.forwardSaf();
    }

    @Override
    public Optional<String> supportContact() {
        return engine.supportContact();
    }

    @Override
    public AutoCloseable subscribe(Consumer<TerminalEvent> listener) {
        return engine.subscribe(listener);
    }
}
