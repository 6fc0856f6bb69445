package dev.posterm.core.tamper;

import dev.posterm.core.engine.Checkout;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.SafItem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The register's face of a tampered terminal: no new order and no new payment (card, cash or
 * QR: the terminal itself is no longer trusted), refused with {@code TERMINAL_TAMPERED} before
 * anything is written. Reading, cancelling, copies of slips, store-and-forward and the repeat of
 * a payment request already taken stay open: what was taken before the case was opened must still
 * be seen and finished.
 */
public final class TamperLock implements Checkout {
    private final Checkout engine;
    private final CaseGuard guard;

    public TamperLock(Checkout engine, CaseGuard guard) {
        this.engine = engine;
        this.guard = guard;
    }

    private void refuseIfTampered() throws Refused {
        var event = guard.tamperedBy();
        if (event.isPresent()) {
            throw new Refused(ErrorCode.TERMINAL_TAMPERED, "the terminal's case was opened at " + event.get().at()
                    + " (" + event.get().detail() + "); it takes no payments until it is provisioned again");
        }
    }

    @Override
    public Order createOrder(NewOrder request) throws Refused {
        refuseIfTampered();
        return engine.createOrder(request);
    }

    /**
     * Only an order still UNPAID is refused here: on any other the engine starts nothing new, and a
     * register repeating a request whose answer it lost (the same Idempotency-Key) must still learn
     * what became of the payment the first one started before the case was opened.
     */
    @Override
    public Payment startPayment(String orderId, NewPayment request, Optional<String> idempotencyKey) throws Refused {
        if (engine.order(orderId).map(o -> o.state() == OrderState.UNPAID).orElse(false)) {
            refuseIfTampered();
        }
        return engine.startPayment(orderId, request, idempotencyKey);
    }

    @Override
    public Payment voidPayment(String paymentId) throws Refused {
        refuseIfTampered();
        return engine.voidPayment(paymentId);
    }

    @Override
    public Payment refund(String paymentId, long amount, Optional<String> idempotencyKey) throws Refused {
        refuseIfTampered();
        return engine.refund(paymentId, amount, idempotencyKey);
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
