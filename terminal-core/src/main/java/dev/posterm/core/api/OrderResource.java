package dev.posterm.core.api;

import dev.posterm.core.engine.Checkout;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.Payment;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /orders}: create, read, cancel, and start a payment of an order. */
final class OrderResource {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,64}");

    private final Checkout checkout;
    private final RequestBodies bodies;

    OrderResource(Checkout checkout, RequestBodies bodies) {
        this.checkout = checkout;
        this.bodies = bodies;
    }

    /**
     * {@code POST /orders}: 201 with the order, whether this call created it or an order with this
     * {@code orderId} and the same details already existed: an idempotent create answers a retry as
     * it answered the first call (ecr-api.md). Different details: 409 ORDER_CONFLICT.
     */
    Reply create(Call call) throws Refused, IOException {
        NewOrder request = bodies.newOrder(call.jsonBody());
        Order order = checkout.createOrder(request);
        return new Reply.Json(201, Views.order(order), Optional.of(location(order)));
    }

    Reply read(Call call) throws Refused {
        return Reply.Json.ok(Views.order(find(call.pathParameter("orderId"))));
    }

    Reply cancel(Call call) throws Refused, IOException {
        call.requireNoBody();
        return Reply.Json.ok(Views.order(checkout.cancelOrder(knownId(call.pathParameter("orderId")))));
    }

    /** {@code POST /orders/{orderId}/payments}: 202, the payment has started (PENDING) or, for cash, ended. */
    Reply startPayment(Call call) throws Refused, IOException {
        Optional<String> key = idempotencyKey(call);
        NewPayment request = bodies.newPayment(call.jsonBody());
        Payment payment = checkout.startPayment(knownId(call.pathParameter("orderId")), request, key);
        return new Reply.Json(202, Views.payment(payment),
                Optional.of(Route.BASE + "/payments/" + payment.paymentId()));
    }

    /** The request's {@code Idempotency-Key}, if it sends a well-formed one. */
    static Optional<String> idempotencyKey(Call call) throws Refused {
        Optional<String> key = call.header("Idempotency-Key");
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw new Refused(ErrorCode.BAD_REQUEST,
                    "Header 'Idempotency-Key' must be 1 to 64 visible ASCII characters without spaces.");
        }
        return key;
    }

    private Order find(String orderId) throws Refused {
        return checkout.order(knownId(orderId)).orElseThrow(() -> notFound(orderId));
    }

    /** An id that cannot have been given out is not looked up at all. */
    private static String knownId(String orderId) throws Refused {
        if (!RequestBodies.ORDER_ID.matcher(orderId).matches()) {
            throw notFound(orderId);
        }
        return orderId;
    }

    private static Refused notFound(String orderId) {
        String shown = orderId.length() <= 64 ? orderId : orderId.substring(0, 64) + "...";
        return new Refused(ErrorCode.ORDER_NOT_FOUND, "No order with orderId '" + shown + "'.");
    }

    private static String location(Order order) {
        return Route.BASE + "/orders/" + order.orderId();
    }
}
