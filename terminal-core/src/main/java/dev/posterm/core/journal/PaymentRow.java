package dev.posterm.core.journal;

import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One payment as the journal keeps it: what every method shares, and, for a card payment, its
 * {@link CardDetails} (a table of their own, so a cash or QR payment is not a card row of nulls).
 *
 * @param type              SALE, or a REFUND / VOID of {@code originalPaymentId}
 * @param step              where a card flow stands, for recovery; DONE once {@code state} is the outcome
 * @param errorCode         an {@code ErrorCode} name: why it did not succeed, when it did not
 * @param card              present exactly for a CARD payment
 * @param cash              present exactly for a CASH payment
 * @param qr                present for a QR payment once its pay is journaled
 */
public record PaymentRow(String paymentId, String orderId, PaymentMethod method, PaymentType type,
                         Optional<String> originalPaymentId, Money amount, PaymentState state, Step step,
                         Optional<String> idempotencyKey, Optional<String> errorCode, Optional<CardDetails> card,
                         Optional<CashDetails> cash, Times times, Optional<QrDetails> qr) {

    /** When the payment began, last changed, and reached its outcome. */
    public record Times(Instant createdAt, Instant updatedAt, Optional<Instant> completedAt) {
        Times changed(Instant now) {
            return new Times(createdAt, now, completedAt);
        }
    }

    /** A new sale, PENDING, not yet started; a card sale gets an empty {@link CardDetails}. */
    public static PaymentRow sale(String paymentId, String orderId, PaymentMethod method, Money amount,
                                  Optional<String> idempotencyKey, Instant now) {
        return new PaymentRow(paymentId, orderId, method, PaymentType.SALE, Optional.empty(), amount,
                PaymentState.PENDING, Step.AWAITING_CARD, idempotencyKey, Optional.empty(),
                method == PaymentMethod.CARD ? Optional.of(CardDetails.none()) : Optional.empty(), Optional.empty(),
                new Times(now, now, Optional.empty()), Optional.empty());
    }

    /** A cash sale of {@code amount}, taken at once: APPROVED, with what was tendered and the change due. */
    public static PaymentRow cashSale(String paymentId, String orderId, Money amount, long tendered,
                                      Optional<String> idempotencyKey, Instant now) {
        return new PaymentRow(paymentId, orderId, PaymentMethod.CASH, PaymentType.SALE, Optional.empty(), amount,
                PaymentState.APPROVED, Step.DONE, idempotencyKey, Optional.empty(), Optional.empty(),
                Optional.of(new CashDetails(tendered, tendered - amount.amount())), new Times(now, now, Optional.of(now)), Optional.empty());
    }

    /**
     * A void or refund of {@code sale}, PENDING: of the same method and order, naming the sale. A
     * card one starts with the sale's masked card and entry mode (for its slip; no card data leaves).
     */
    public static PaymentRow returnOf(PaymentRow sale, String paymentId, PaymentType type, long amount,
                                      Optional<String> idempotencyKey, Instant now) {
        Optional<CardDetails> card = sale.card().map(d -> CardDetails.none().read(d.maskedPan().orElse("****"),
                d.entryMode().orElse("CHIP"), d.aid(), d.appLabel()));
        return new PaymentRow(paymentId, sale.orderId(), sale.method(), type, Optional.of(sale.paymentId()),
                new Money(amount, sale.amount().currency()), PaymentState.PENDING,
                card.isPresent() ? Step.CARD_READ : Step.AWAITING_CARD, idempotencyKey, Optional.empty(), card,
                Optional.empty(), new Times(now, now, Optional.empty()), Optional.empty());
    }

    /** The sale's new state once returned (VOIDED, REFUNDED); its step stays DONE. */
    public PaymentRow returned(PaymentState newState, Instant now) {
        return new PaymentRow(paymentId, orderId, method, type, originalPaymentId, amount, newState, step,
                idempotencyKey, errorCode, card, cash, times.changed(now), qr);
    }

    public PaymentRow withStep(Step newStep, Instant now) {
        return new PaymentRow(paymentId, orderId, method, type, originalPaymentId, amount, state, newStep,
                idempotencyKey, errorCode, card, cash, times.changed(now), qr);
    }

    public PaymentRow withCard(String maskedPan, String entryMode, Optional<String> aid, Optional<String> appLabel,
                               Instant now) {
        return withCardDetails(Step.CARD_READ, c -> c.read(maskedPan, entryMode, aid, appLabel), now);
    }

    public PaymentRow withOnline(int stan, String transmittedAt, String localTime, Instant now) {
        return withCardDetails(Step.ONLINE_SENT, c -> c.online(stan, transmittedAt, localTime), now);
    }

    /** The terminal decided to approve offline with its own {@code authCode}; STAN kept if the 0200 took one. */
    public PaymentRow withOffline(int stan, String localTime, String authCode, Instant now) {
        return withCardDetails(Step.OFFLINE_DECIDED, c -> c.offline(stan, localTime, authCode), now);
    }

    public PaymentRow withHostAnswer(Step newStep, String responseCode, Optional<String> authCode,
                                     Optional<String> rrn, Instant now) {
        return withCardDetails(newStep, c -> c.answered(responseCode, authCode, rrn), now);
    }

    /** The outcome: {@code step} becomes DONE; a card's response code, when given, replaces the one held. */
    public PaymentRow finish(PaymentState finalState, Optional<String> errorCode, Optional<String> responseCode,
                             Instant now) {
        return new PaymentRow(paymentId, orderId, method, type, originalPaymentId, amount, finalState, Step.DONE,
                idempotencyKey, errorCode, card.map(c -> c.respondedWith(responseCode)), cash,
                new Times(times.createdAt(), now, Optional.of(now)), qr);
    }

    /** The QR details changed (journaled with the row by {@link PaymentTable#save}). */
    public PaymentRow withQr(QrDetails details, Instant now) {
        return new PaymentRow(paymentId, orderId, method, type, originalPaymentId, amount, state, step,
                idempotencyKey, errorCode, card, cash, times.changed(now), Optional.of(details));
    }

    /** The outcome of a QR payment with its final QR details (see {@link #finish}). */
    public PaymentRow finishQr(PaymentState finalState, Optional<String> errorCode, QrDetails details, Instant now) {
        PaymentRow done = finish(finalState, errorCode, Optional.empty(), now);
        return new PaymentRow(paymentId, orderId, method, type, originalPaymentId, amount, finalState, Step.DONE,
                idempotencyKey, errorCode, card, cash, done.times(), Optional.of(details));
    }

    private PaymentRow withCardDetails(Step newStep, UnaryOperator<CardDetails> change, Instant now) {
        CardDetails details = card.orElseThrow(() -> new IllegalStateException(
                "payment " + paymentId + " is " + method + ", not a card payment"));
        return new PaymentRow(paymentId, orderId, method, type, originalPaymentId, amount, state, newStep,
                idempotencyKey, errorCode, Optional.of(change.apply(details)), cash, times.changed(now), qr);
    }

    /** The card's STAN, if it has one. */
    public Optional<Integer> stan() {
        return card.flatMap(CardDetails::stan);
    }

    public Instant createdAt() {
        return times.createdAt();
    }

    public Instant updatedAt() {
        return times.updatedAt();
    }
}
