package dev.posterm.core.api;

import dev.posterm.core.engine.Checkout;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.posterm.core.payment.Payment;

/** {@code /payments}: read (with a long poll) and cancel. */
final class PaymentResource {
    static final int MAX_WAIT_SECONDS = 60;

    private final Checkout checkout;

    PaymentResource(Checkout checkout) {
        this.checkout = checkout;
    }

    /**
     * {@code GET /payments/{paymentId}?waitSeconds=N}: with N from 1 (more than 60 waits 60), answers as soon as
     * the payment leaves PENDING or when N seconds have passed, whichever is first; the state in
     * the body tells which. Without N, or with 0, answers at once.
     */
    Reply read(Call call) throws Refused, InterruptedException {
        String paymentId = call.pathParameter("paymentId");
        int wait = waitSeconds(call.query("waitSeconds"));
        var payment = wait == 0
                ? checkout.payment(paymentId)
                : checkout.awaitPayment(paymentId, Duration.ofSeconds(wait));
        return Reply.Json.ok(Views.payment(payment.orElseThrow(() -> notFound(paymentId))));
    }

    /** {@code POST /payments/{paymentId}/receipt}: 202, the copy is owed to the printer. */
    Reply printCopy(Call call) throws Refused, IOException {
        call.requireNoBody();
        return new Reply.Json(202, Views.payment(checkout.printCopy(call.pathParameter("paymentId"))),
                java.util.Optional.empty());
    }

    Reply cancel(Call call) throws Refused, IOException {
        call.requireNoBody();
        return Reply.Json.ok(Views.payment(checkout.cancelPayment(call.pathParameter("paymentId"))));
    }

    /**
     * {@code POST /payments/{paymentId}/void}: 200 with the voided payment; 202 with the void itself
     * (PENDING) while a QR gateway has not answered for good (it is called again until it does).
     */
    Reply voidPayment(Call call) throws Refused, IOException {
        call.requireNoBody();
        Payment p = checkout.voidPayment(call.pathParameter("paymentId"));
        boolean underWay = p.type() == dev.posterm.core.payment.PaymentType.VOID;
        return new Reply.Json(underWay ? 202 : 200, Views.payment(p),
                underWay ? Optional.of(Route.BASE + "/payments/" + p.paymentId()) : Optional.empty());
    }

    /**
     * {@code POST /payments/{paymentId}/refund {amount}}: 201 with the refund (its state says whether
     * the money went back), idempotent by {@code Idempotency-Key} as a payment's start is.
     */
    Reply refund(Call call, RequestBodies bodies) throws Refused, IOException {
        Optional<String> key = OrderResource.idempotencyKey(call);
        long amount = bodies.refundAmount(call.jsonBody());
        Payment refund = checkout.refund(call.pathParameter("paymentId"), amount, key);
        return new Reply.Json(201, Views.payment(refund), Optional.of(Route.BASE + "/payments/" + refund.paymentId()));
    }

    private static int waitSeconds(Map<String, String> query) throws Refused {
        String given = query.get("waitSeconds");
        if (given == null) {
            return 0;
        }
        if (!given.matches("\\d{1,9}")) {
            throw new Refused(ErrorCode.BAD_REQUEST,
                    "Query parameter 'waitSeconds' must be a whole number of seconds (at most " + MAX_WAIT_SECONDS
                            + " are waited).");
        }
        // The spec's "max 60" is the longest wait, not a reason to refuse a register that asks for more.
        return Math.min(MAX_WAIT_SECONDS, Integer.parseInt(given));
    }

    private static Refused notFound(String paymentId) {
        String shown = paymentId.length() <= 64 ? paymentId : paymentId.substring(0, 64) + "...";
        return new Refused(ErrorCode.PAYMENT_NOT_FOUND, "No payment with paymentId '" + shown + "'.");
    }
}
