package dev.posterm.core.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.testing.ManualClock;
import dev.posterm.core.wallet.QrPaymentFlow.Approved;
import dev.posterm.core.wallet.QrPaymentFlow.Cancelled;
import dev.posterm.core.wallet.QrPaymentFlow.Declined;
import dev.posterm.core.wallet.QrPaymentFlow.Ending;
import dev.posterm.core.wallet.QrPaymentFlow.Query;
import dev.posterm.core.wallet.QrPaymentFlow.Reverse;
import dev.posterm.core.wallet.QrPaymentFlow.Why;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One QR payment's decisions, the time moved by hand: 5 s between queries, give up 45 s after pay. */
class QrPaymentFlowTest {
    private static final Instant T0 = Instant.parse("2026-01-01T09:30:00Z");
    private static final FlowTiming TIMING = FlowTiming.of(Duration.ofSeconds(5), Duration.ofSeconds(45));
    private static final long AMOUNT = 1250;
    private static final QueryOutcome WAITING = new QueryOutcome.Found(TradeState.USERPAYING, TradeDetails.none());

    private final ManualClock clock = new ManualClock(T0);

    private QrPaymentFlow pay(Duration orderLeft) {
        return QrPaymentFlow.payLeaving(clock, TIMING, AMOUNT, T0.plus(orderLeft));
    }

    @Test
    void paidAtOnceIsApproved() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));
        clock.advance(Duration.ofMillis(800));

        assertInstanceOf(Approved.class, flow.afterPay(new PayOutcome.Paid(paid(AMOUNT))));
    }

    @Test
    void aRefusalIsADeclineAndNothingIsReversed() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));

        assertEquals(new Declined("NOTENOUGH", "balance"), flow.afterPay(new PayOutcome.Refused("NOTENOUGH", "balance")));
        assertEquals(false, flow.reversing());
    }

    @Test
    void userPayingIsQueriedEveryIntervalUntilPaid() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));
        clock.advance(Duration.ofSeconds(1));

        assertEquals(new Query(T0.plusSeconds(6)), flow.afterPay(new PayOutcome.UserPaying()));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(new Query(T0.plusSeconds(11)), flow.afterQuery(WAITING));
        clock.advance(Duration.ofSeconds(5));
        assertInstanceOf(Approved.class, flow.afterQuery(new QueryOutcome.Found(TradeState.SUCCESS, paid(AMOUNT))));
    }

    @Test
    void anUnknownPayAnswerIsQueriedNeverTakenForADecline() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));
        clock.advance(Duration.ofSeconds(10));

        assertEquals(new Query(T0.plusSeconds(15)), flow.afterPay(new PayOutcome.Unknown("no answer within 10000 ms")));
        assertEquals(new Query(T0.plusSeconds(15)), flow.next());
    }

    @Test
    void afterGiveUpSecondsItIsReversedAndRepeatedWithBackoffUntilSuccess() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));
        flow.afterPay(new PayOutcome.UserPaying());
        Object next = null;
        for (int i = 0; i < 8; i++) {        // queries at 5, 10 .. 40, then the last one at 45
            clock.advance(Duration.ofSeconds(5));
            next = flow.afterQuery(WAITING);
        }
        assertEquals(new Query(T0.plusSeconds(45)), next);
        clock.advance(Duration.ofSeconds(5));

        assertEquals(new Reverse(T0.plusSeconds(45), 1, Why.TIMED_OUT, Optional.empty()), flow.afterQuery(WAITING));
        assertTrue(flow.reversing());
        assertEquals(new Reverse(T0.plusSeconds(47), 2, Why.TIMED_OUT, Optional.empty()),
                flow.afterReverse(new ReverseOutcome.CallAgain("recall")));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(new Reverse(T0.plusSeconds(51), 3, Why.TIMED_OUT, Optional.empty()),
                flow.afterReverse(new ReverseOutcome.CallAgain("no answer within 10000 ms")));
        clock.advance(Duration.ofSeconds(4));
        assertEquals(new Cancelled(Why.TIMED_OUT, Ending.REVERSED), flow.afterReverse(new ReverseOutcome.Reversed()));
        assertEquals(false, flow.reversing());
    }

    @Test
    void backoffIsCappedAndARefusalIsKeptForAnAlert() {
        QrPaymentFlow flow = QrPaymentFlow.afterRestart(clock, TIMING, AMOUNT, T0.plusSeconds(900),
                T0.minusSeconds(600), Optional.of(Why.TIMED_OUT), 9);

        assertEquals(new Reverse(T0, 10, Why.TIMED_OUT, Optional.empty()), flow.next());
        assertEquals(new Reverse(T0.plusSeconds(60), 11, Why.TIMED_OUT, Optional.of("TRADE_OVERDUE")),
                flow.afterReverse(new ReverseOutcome.Refused("TRADE_OVERDUE")));
        assertEquals(new Cancelled(Why.TIMED_OUT, Ending.NOTHING_TO_UNDO),
                flow.afterReverse(new ReverseOutcome.NothingToUndo()));
    }

    @Test
    void theReverseNeverLeavesSoonerThan15SecondsAfterPayAndASuccessBeforeItStillApproves() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));
        clock.advance(Duration.ofSeconds(1));
        flow.afterPay(new PayOutcome.UserPaying());
        clock.advance(Duration.ofSeconds(1));

        assertEquals(new Query(T0.plusSeconds(7)), flow.cancel());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(new Query(T0.plusSeconds(12)), flow.afterQuery(WAITING));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(new Reverse(T0.plusSeconds(15), 1, Why.CANCELLED, Optional.empty()), flow.afterQuery(WAITING));

        QrPaymentFlow other = pay(Duration.ofMinutes(15));
        other.afterPay(new PayOutcome.UserPaying());
        other.cancel();
        clock.advance(Duration.ofSeconds(5));
        assertInstanceOf(Approved.class, other.afterQuery(new QueryOutcome.Found(TradeState.SUCCESS, paid(AMOUNT))));
    }

    @Test
    void theOrdersDeadlineGivesUpFirstAndALateSuccessIsReversedNotApproved() {
        QrPaymentFlow flow = pay(Duration.ofSeconds(8));
        clock.advance(Duration.ofSeconds(1));

        assertEquals(new Query(T0.plusSeconds(6)), flow.afterPay(new PayOutcome.UserPaying()));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(new Query(T0.plusSeconds(8)), flow.afterQuery(WAITING));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(new Reverse(T0.plusSeconds(15), 1, Why.ORDER_EXPIRED, Optional.empty()),
                flow.afterQuery(new QueryOutcome.Found(TradeState.SUCCESS, paid(AMOUNT))));
    }

    @Test
    void aSuccessNamingAnotherAmountOrAPartlyRefundedTradeIsReversed() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(new Reverse(T0.plusSeconds(20), 1, Why.AMOUNT_MISMATCH, Optional.empty()),
                flow.afterPay(new PayOutcome.Paid(paid(1))));

        QrPaymentFlow refunded = pay(Duration.ofMinutes(15));
        refunded.afterPay(new PayOutcome.Unknown("SYSTEMERROR"));
        assertEquals(Why.PARTLY_REFUNDED, ((Reverse) refunded.afterQuery(
                new QueryOutcome.Found(TradeState.REFUND, paid(AMOUNT)))).why());
    }

    @Test
    void orderPaidOnPayIsQueriedAndFinalQueryStatesEndIt() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));
        assertInstanceOf(Query.class, flow.afterPay(new PayOutcome.Refused("ORDERPAID", "")));
        assertEquals(new Declined("PAYERROR", ""),
                flow.afterQuery(new QueryOutcome.Found(TradeState.PAYERROR, TradeDetails.none())));
    }

    @Test
    void aPaymentFoundUnfinishedAtStartIsQueriedAtOnceThenReversedIfStillOpen() {
        QrPaymentFlow flow = QrPaymentFlow.afterRestart(clock, TIMING, AMOUNT, T0.plusSeconds(600),
                T0.minusSeconds(120), Optional.empty(), 0);

        assertEquals(new Query(T0), flow.next());
        assertEquals(new Reverse(T0, 1, Why.TIMED_OUT, Optional.empty()), flow.afterQuery(new QueryOutcome.NotFound()));
        assertEquals(new Cancelled(Why.TIMED_OUT, Ending.NOTHING_TO_UNDO),
                flow.afterReverse(new ReverseOutcome.NothingToUndo()));
    }

    @Test
    void anApprovedPaymentForAnOrderPaidElsewhereIsReversed() {
        QrPaymentFlow flow = pay(Duration.ofMinutes(15));
        clock.advance(Duration.ofSeconds(20));
        flow.afterPay(new PayOutcome.Paid(paid(AMOUNT)));

        assertEquals(new Reverse(T0.plusSeconds(20), 1, Why.PAID_ELSEWHERE, Optional.empty()), flow.paidElsewhere());
    }

    private static TradeDetails paid(long amount) {
        return new TradeDetails(Optional.of("4200000001"), Optional.of(Wallet.WECHAT), OptionalLong.of(amount),
                Optional.empty());
    }
}
