package dev.posterm.core.wallet;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The decisions of one QR payment (wallet-gateway.md, "The controller's rules"), without any I/O:
 * fed the gateway's answers, it reads the time from its clock and says what to do next. The caller
 * journals the step, then acts (sends the query or reverse at {@code at}) and reports the answer.
 * <pre>
 *   pay ─ SUCCESS ───────────────────────────────────────────────▶ Approved
 *     │─ FAIL (not ORDERPAID), signed 401 ─────────────────────▶ Declined (order stays payable)
 *     └─ USERPAYING, SYSTEMERROR, unknown, FAIL ORDERPAID
 *          ▼
 *        query every query_interval ─ SUCCESS ──────────────────▶ Approved
 *          │  │─ PAYERROR, CLOSED, REVOKED ─────────────────────▶ Declined
 *          │  └─ other ─ loop until give_up after pay, the order's deadline or a cancel
 *          ▼ (a SUCCESS seen before the reverse leaves still approves, unless the order expired)
 *        reverse, not before pay + 15 s ─ SUCCESS, ORDERNOTEXIST ▶ Cancelled
 *          └─ recall, SYSTEMERROR, no answer, other FAIL: again after 2, 4, 8 .. 60 s, forever
 * </pre>
 * Choices where the spec is silent (docs/wallet.md): an answer naming another amount than asked, or a
 * trade already partly refunded, is reversed, never approved; FAIL ORDERPAID on pay is queried; a reverse
 * answered FAIL ORDERREVERSED or ORDERCLOSED has nothing left to do. Not thread-safe: one payment, one
 * owner.
 */
public final class QrPaymentFlow {

    /** Why a payment is being reversed. */
    public enum Why { TIMED_OUT, CANCELLED, ORDER_EXPIRED, AMOUNT_MISMATCH, PARTLY_REFUNDED, PAID_ELSEWHERE }

    /** How a reversed payment ended. */
    public enum Ending { REVERSED, NOTHING_TO_UNDO }

    /** What to do next. */
    public sealed interface Next {
    }

    /** The pay request is in flight: wait for its answer. */
    public record AwaitPay() implements Next {
    }

    public record Query(Instant at) implements Next {
    }

    /** @param lastRefusal the errCode of the last FAIL, for an alert: repeats will not change it alone */
    public record Reverse(Instant at, int attempt, Why why, Optional<String> lastRefusal) implements Next {
    }

    public record Approved(TradeDetails trade) implements Next {
    }

    public record Declined(String errCode, String errMsg) implements Next {
    }

    public record Cancelled(Why why, Ending ending) implements Next {
    }

    private enum Phase { PAYING, QUERYING, REVERSING, DONE }

    private final Clock clock;
    private final FlowTiming timing;
    private final long amount;
    private final Instant payAt;
    private final Instant orderDeadline;
    private Phase phase;
    private Why why;
    private int reverseAttempts;
    private Optional<String> lastRefusal = Optional.empty();
    private Next last;

    private QrPaymentFlow(Clock clock, FlowTiming timing, long amount, Instant payAt, Instant orderDeadline,
                          Phase phase) {
        this.clock = clock;
        this.timing = timing;
        this.amount = amount;
        this.payAt = payAt;
        this.orderDeadline = orderDeadline;
        this.phase = phase;
        this.last = new AwaitPay();
    }

    /** A payment whose pay request leaves now (after it was journaled). */
    public static QrPaymentFlow payLeaving(Clock clock, FlowTiming timing, long amount, Instant orderDeadline) {
        return new QrPaymentFlow(clock, timing, amount, clock.instant(), orderDeadline, Phase.PAYING);
    }

    /**
     * A payment found unfinished at start: pay sent at {@code payAt}, no final state. Unless it was
     * already being reversed ({@code reversingBecause}), it is queried at once, then finished or reversed.
     */
    public static QrPaymentFlow afterRestart(Clock clock, FlowTiming timing, long amount, Instant orderDeadline,
                                             Instant payAt, Optional<Why> reversingBecause, int reverseAttempts) {
        QrPaymentFlow flow = new QrPaymentFlow(clock, timing, amount, payAt, orderDeadline, Phase.QUERYING);
        Instant now = clock.instant();
        if (reversingBecause.isPresent()) {
            flow.why = reversingBecause.get();
            flow.reverseAttempts = reverseAttempts;
            flow.phase = Phase.REVERSING;
            flow.last = new Reverse(later(now, payAt.plus(timing.reverseNotBefore())), reverseAttempts + 1,
                    flow.why, Optional.empty());
        } else {
            flow.last = new Query(now);
        }
        return flow;
    }

    /** The step last decided (the pay in flight, a query or reverse to send, or the ending). */
    public Next next() {
        return last;
    }

    public Instant payAt() {
        return payAt;
    }

    /** Why it is being (or was) reversed; empty while it may still be approved. */
    public Optional<Why> why() {
        return Optional.ofNullable(why);
    }

    /** True once a reverse is decided and until it ends: the payment is reported as being reversed. */
    public boolean reversing() {
        return phase == Phase.REVERSING;
    }

    public Next afterPay(PayOutcome outcome) {
        expect(Phase.PAYING, "a pay answer");
        phase = Phase.QUERYING;
        Instant now = clock.instant();
        return last = switch (outcome) {
            case PayOutcome.Paid paid -> paid(paid.trade(), now);
            case PayOutcome.Refused r when "ORDERPAID".equals(r.errCode()) -> keepAsking(now);
            case PayOutcome.Refused r -> end(new Declined(r.errCode(), r.errMsg()));
            case PayOutcome.SignRefused s -> end(new Declined("SIGN_ERROR", "the gateway refused our signature"));
            case PayOutcome.UserPaying u -> keepAsking(now);
            case PayOutcome.Unknown u -> keepAsking(now);
        };
    }

    public Next afterQuery(QueryOutcome outcome) {
        expect(Phase.QUERYING, "a query answer");
        Instant now = clock.instant();
        return last = switch (outcome) {
            case QueryOutcome.Found f when f.state() == TradeState.SUCCESS -> paid(f.trade(), now);
            case QueryOutcome.Found f when f.state() == TradeState.REFUND -> giveUp(Why.PARTLY_REFUNDED, now);
            case QueryOutcome.Found f when f.state() == TradeState.PAYERROR || f.state() == TradeState.CLOSED
                    || f.state() == TradeState.REVOKED -> why == null ? end(new Declined(f.state().name(), ""))
                    : end(new Cancelled(why, Ending.NOTHING_TO_UNDO));
            default -> keepAsking(now);
        };
    }

    public Next afterReverse(ReverseOutcome outcome) {
        expect(Phase.REVERSING, "a reverse answer");
        Instant now = clock.instant();
        return last = switch (outcome) {
            case ReverseOutcome.Reversed r -> end(new Cancelled(why, Ending.REVERSED));
            case ReverseOutcome.NothingToUndo n -> end(new Cancelled(why, Ending.NOTHING_TO_UNDO));
            // Both say the trade is closed already: an earlier reverse of ours went through unanswered.
            case ReverseOutcome.Refused r when "ORDERREVERSED".equals(r.errCode())
                    || "ORDERCLOSED".equals(r.errCode()) -> end(new Cancelled(why, Ending.REVERSED));
            case ReverseOutcome.Refused r -> repeatReverse(now, Optional.of(r.errCode()));
            case ReverseOutcome.CallAgain c -> repeatReverse(now, lastRefusal);
        };
    }

    /** The cashier cancels: the payment is reversed unless a SUCCESS is seen before the reverse leaves. */
    public Next cancel() {
        if (phase == Phase.DONE || phase == Phase.REVERSING) {
            return last;
        }
        if (why == null) {
            why = Why.CANCELLED;
        }
        return phase == Phase.PAYING ? last : (last = keepAsking(clock.instant()));
    }

    /** The order was paid another way first: an approved QR payment is reversed (with an alert by the caller). */
    public Next paidElsewhere() {
        if (!(last instanceof Approved)) {
            throw new IllegalStateException("only an approved payment is reversed for being paid elsewhere, was " + last);
        }
        why = Why.PAID_ELSEWHERE;
        return last = startReversing(clock.instant());
    }

    private Next paid(TradeDetails trade, Instant now) {
        if (trade.amount().isPresent() && trade.amount().getAsLong() != amount) {
            return giveUp(Why.AMOUNT_MISMATCH, now);
        }
        if (!now.isBefore(orderDeadline)) {
            return giveUp(Why.ORDER_EXPIRED, now);  // ecr-api.md: an approval after payBy is reversed
        }
        return end(new Approved(trade));
    }

    /** Query again, or, once it is time to give up, reverse (still querying until the reverse may leave). */
    private Next keepAsking(Instant now) {
        if (why == null && !now.isBefore(orderDeadline)) {
            why = Why.ORDER_EXPIRED;
        } else if (why == null && !now.isBefore(payAt.plus(timing.giveUpAfter()))) {
            why = Why.TIMED_OUT;
        }
        if (why == null) {
            Instant giveUpAt = earlier(payAt.plus(timing.giveUpAfter()), orderDeadline);
            return new Query(earlier(now.plus(timing.queryInterval()), giveUpAt));
        }
        Instant reverseAt = later(now, payAt.plus(timing.reverseNotBefore()));
        if (why != Why.ORDER_EXPIRED && now.plus(timing.queryInterval()).isBefore(reverseAt)) {
            return new Query(now.plus(timing.queryInterval()));
        }
        return startReversing(now);
    }

    private Next giveUp(Why reason, Instant now) {
        why = reason;
        return startReversing(now);
    }

    private Next startReversing(Instant now) {
        phase = Phase.REVERSING;
        return new Reverse(later(now, payAt.plus(timing.reverseNotBefore())), reverseAttempts + 1, why, lastRefusal);
    }

    private Next repeatReverse(Instant now, Optional<String> refusal) {
        reverseAttempts++;
        lastRefusal = refusal;
        return new Reverse(now.plus(timing.reverseRepeat(reverseAttempts)), reverseAttempts + 1, why, lastRefusal);
    }

    private Next end(Next ending) {
        phase = Phase.DONE;
        return ending;
    }

    private void expect(Phase expected, String what) {
        if (phase != expected) {
            throw new IllegalStateException(what + " while " + phase + " (last step " + last + ")");
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
