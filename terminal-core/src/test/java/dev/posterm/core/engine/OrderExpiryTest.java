package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.testing.Await;
import dev.posterm.core.testing.ManualClock;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.HostDecision;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orders lapse at their pay-by time by themselves, on the injected clock, even while a payment is
 * under way. The rule between a late approval and the expiry is the journal's: whichever commit
 * comes first on the order's row wins, and an approval committed at or after the pay-by time loses.
 */
class OrderExpiryTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(T0);
    final List<TerminalEvent> events = new CopyOnWriteArrayList<>();

    private EngineRig rig(int remindBefore) {
        EngineRig rig = new EngineRig(dir, false, clock, remindBefore);
        rig.events.subscribe(events::add);
        return rig;
    }

    private static void order(EngineRig rig, String id, int payWithin) throws Exception {
        rig.engine.createOrder(new NewOrder(Optional.of(id), new Money(1250, "CNY"), Optional.empty(),
                Optional.of(payWithin)));
    }

    private static OrderState journaled(EngineRig rig, String id) {
        return rig.journal.read(c -> OrderTable.find(c, id)).orElseThrow().state();
    }

    private boolean heard(String orderId, OrderState state) {
        return events.stream().anyMatch(e -> e instanceof TerminalEvent.OrderChanged o
                && o.order().orderId().equals(orderId) && o.order().state() == state);
    }

    private static Payment payByCard(EngineRig rig, String orderId) throws Exception {
        return rig.engine.startPayment(orderId, new NewPayment(PaymentMethod.CARD, Optional.empty(), Optional.empty()),
                Optional.empty());
    }

    private static Payment settled(EngineRig rig, Payment p) throws Exception {
        return Await.until(Await.PATIENCE, "payment " + p.paymentId() + " to end",
                () -> rig.engine.payment(p.paymentId()).orElseThrow(), x -> x.state() != PaymentState.PENDING);
    }

    private static boolean reversalOwed(EngineRig rig, Payment p) {
        return rig.journal.read(ReversalTable::pending).stream().anyMatch(r -> r.paymentId().equals(p.paymentId()));
    }

    @Test
    void anUnpaidOrderLapsesAtItsPayByTimeWithNobodyReadingIt() throws Exception {
        try (EngineRig rig = rig(0)) {
            order(rig, "A-1", 60);
            clock.advance(Duration.ofSeconds(59));
            assertEquals(OrderState.UNPAID, journaled(rig, "A-1"));

            clock.advance(Duration.ofSeconds(1));

            Await.until("the order to lapse in the journal by itself", () -> journaled(rig, "A-1") == OrderState.EXPIRED);
            Await.until("the order event of the expiry", () -> heard("A-1", OrderState.EXPIRED));
            assertTrue(heard("A-1", OrderState.UNPAID), "its creation was heard too");
        }
    }

    @Test
    void aReminderGoesOutTheConfiguredTimeBeforeThePayByTime() throws Exception {
        try (EngineRig rig = rig(30)) {
            order(rig, "R-1", 120);
            clock.advance(Duration.ofSeconds(90));

            TerminalEvent.OrderReminder reminder = (TerminalEvent.OrderReminder) Await.until(Await.PATIENCE,
                    "the reminder", () -> events.stream().filter(e -> e instanceof TerminalEvent.OrderReminder)
                            .findFirst(), Optional::isPresent).orElseThrow();
            assertEquals("R-1", reminder.order().orderId());
            assertEquals(30, reminder.secondsLeft());
            assertEquals(OrderState.UNPAID, journaled(rig, "R-1"), "a reminder changes nothing");
        }
    }

    @Test
    void aCardSaleStillWaitingForACardIsCancelledOnTheReaderWhenTheOrderLapses() throws Exception {
        try (EngineRig rig = rig(0)) {
            order(rig, "W-1", 60);
            rig.reader.holdStart = new CountDownLatch(1);
            rig.reader.starts.add(new ReaderError(ReaderErrorCode.CANCELLED));
            rig.reader.onCancel = () -> rig.reader.holdStart.countDown();   // the reader answers X with E 04
            Payment p = payByCard(rig, "W-1");
            Await.until("the reader to wait for a card", () -> rig.reader.started.size() == 1);

            clock.advance(Duration.ofSeconds(60));

            Payment done = settled(rig, p);
            assertEquals(1, rig.reader.cancels.get(), "X sent to the reader");
            assertEquals(PaymentState.CANCELLED, done.state());
            assertEquals(ErrorCode.ORDER_EXPIRED, done.errorCode().orElseThrow());
            assertEquals(OrderState.EXPIRED, journaled(rig, "W-1"));
            Await.until("the order event of the expiry", () -> heard("W-1", OrderState.EXPIRED));
            assertTrue(heard("W-1", OrderState.PAYING), "the payment's start moved the order and said so");
            assertTrue(rig.host.requests.isEmpty(), "nothing reached the host");
        }
    }

    @Test
    void aHostApprovalThatArrivesAfterThePayByTimeIsReversedAtOnce() throws Exception {
        try (EngineRig rig = rig(0)) {
            order(rig, "L-1", 60);
            rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
            rig.host.hold0200 = new CountDownLatch(1);
            Payment p = payByCard(rig, "L-1");
            Await.until("the 0200 to reach the host", () -> rig.host.requests.size() == 1);

            clock.advance(Duration.ofSeconds(61));
            Await.until("the order to lapse while the host holds its answer",
                    () -> journaled(rig, "L-1") == OrderState.EXPIRED);
            rig.host.hold0200.countDown();   // the host approves, too late

            Payment done = settled(rig, p);
            assertEquals(PaymentState.REVERSED, done.state());
            assertEquals(ErrorCode.ORDER_EXPIRED, done.errorCode().orElseThrow());
            assertEquals(OrderState.EXPIRED, journaled(rig, "L-1"), "never PAID after EXPIRED");
            assertTrue(rig.reader.told.isEmpty(), "the card was not told to approve: " + rig.reader.told);
            assertEquals(1, rig.reader.cancels.get(), "the transaction was aborted on the reader (X)");
            assertTrue(reversalOwed(rig, p), "the approval's reversal journaled with it");
            assertTrue(rig.journal.read(c -> PaymentTable.history(c, p.paymentId())).stream()
                    .anyMatch(h -> h.contains("after the order's pay-by time")));
        }
    }

    @Test
    void anApprovalWhoseCommitComesAfterThePayByTimeLosesToTheExpiry() throws Exception {
        try (EngineRig rig = rig(0)) {
            order(rig, "F-1", 60);
            rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
            rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
            rig.reader.holdFinal = new CountDownLatch(1);
            Payment p = payByCard(rig, "F-1");
            Await.until("the card to be told the host approved", () -> rig.reader.told.size() == 1);
            assertEquals(HostDecision.HOST_APPROVED, rig.reader.told.get(0).decision());

            clock.advance(Duration.ofSeconds(60));
            Await.until("the order to lapse while the card decides", () -> journaled(rig, "F-1") == OrderState.EXPIRED);
            rig.reader.holdFinal.countDown();   // the card approves (TC), after the deadline

            Payment done = settled(rig, p);
            assertEquals(PaymentState.REVERSED, done.state());
            assertEquals(OrderState.EXPIRED, journaled(rig, "F-1"));
            assertTrue(reversalOwed(rig, p), "the approval's reversal journaled with it");
            assertFalse(heard("F-1", OrderState.PAID), "no PAID event ever went out");
        }
    }

    @Test
    void anApprovalCommittedBeforeThePayByTimeKeepsTheOrderPaid() throws Exception {
        try (EngineRig rig = rig(0)) {
            order(rig, "P-1", 60);
            rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
            rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
            Payment done = settled(rig, payByCard(rig, "P-1"));
            assertEquals(PaymentState.APPROVED, done.state());
            Await.until("the PAID event", () -> heard("P-1", OrderState.PAID));

            clock.advance(Duration.ofSeconds(60));
            Await.until("the expiry timer to fire", () -> rig.engine.timersArmed() == 0);

            assertEquals(OrderState.PAID, journaled(rig, "P-1"));
            assertFalse(heard("P-1", OrderState.EXPIRED));
        }
    }

    @Test
    void afterARestartOrdersPastTheirPayByTimeLapseAndTheOthersTimersRunAgain() throws Exception {
        try (EngineRig rig = rig(0)) {
            order(rig, "S-1", 60);
            order(rig, "S-2", 600);
        }
        clock.advance(Duration.ofSeconds(120));   // the terminal was off meanwhile
        try (EngineRig rig = rig(0)) {
            assertEquals(OrderState.EXPIRED, journaled(rig, "S-1"), "lapsed at start");
            assertEquals(OrderState.UNPAID, journaled(rig, "S-2"));

            clock.advance(Duration.ofSeconds(480));

            Await.until("the re-armed timer to lapse the second order", () -> journaled(rig, "S-2") == OrderState.EXPIRED);
        }
    }
}
