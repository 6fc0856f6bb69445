package dev.posterm.core.engine;

import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.SafItem;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the cash register may ask of the controller: the engine's face toward the local API.
 * Every method returns at once except {@link #awaitPayment}. A {@link Refused} always means
 * nothing was changed. The terminal's status is not the engine's to tell: the API is given it apart.
 */
public interface Checkout {

    /** Creates an unpaid order; the same {@code orderId} with the same details returns the existing one. */
    Order createOrder(NewOrder request) throws Refused;

    Optional<Order> order(String orderId);

    Order cancelOrder(String orderId) throws Refused;

    /**
     * Starts a payment for the order's open amount and returns it PENDING (or already final,
     * for cash). The same {@code idempotencyKey} on the same order returns the same payment.
     */
    Payment startPayment(String orderId, NewPayment request, Optional<String> idempotencyKey) throws Refused;

    Optional<Payment> payment(String paymentId);

    /** Waits up to {@code wait} for the payment to leave PENDING; returns it as it then is. */
    Optional<Payment> awaitPayment(String paymentId, Duration wait) throws InterruptedException;

    /** Cancels a payment still waiting for a card. */
    Payment cancelPayment(String paymentId) throws Refused;

    /**
     * Voids an approved card (or QR) sale of the open batch; returns the sale, VOIDED. Refused,
     * nothing changed at the host, when the void is not allowed, declined or not confirmed.
     */
    Payment voidPayment(String paymentId) throws Refused;

    /**
     * Refunds {@code amount} of an approved sale (card, QR or cash); returns the refund, a payment of
     * type REFUND, whatever its outcome. The same {@code idempotencyKey} and amount return the same refund.
     */
    Payment refund(String paymentId, long amount, Optional<String> idempotencyKey) throws Refused;

    /**
     * Prints the payment's slip again, marked as a copy, as soon as the printer is ready (held
     * durably until then, like every slip). Returns the payment.
     */
    Payment printCopy(String paymentId) throws Refused;

    /** The store-and-forward queue, oldest first, settled and declined advices included. */
    java.util.List<SafItem> safItems();

    /**
     * Asks store-and-forward to send what it holds now instead of at its next round.
     *
     * @return how many advices were waiting when asked
     */
    int forwardSaf();

    /** Who to call for support (terminal.support_contact), added to messages that say to call support. */
    default Optional<String> supportContact() {
        return Optional.empty();
    }

    /** Registers a listener for the event stream; the returned handle removes it. */
    AutoCloseable subscribe(Consumer<TerminalEvent> listener);
}
