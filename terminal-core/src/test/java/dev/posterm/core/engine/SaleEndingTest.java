package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.journal.ReversalRow;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.Cid;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * However a card sale ends once its 0200 has left (a fault in a driver, a bug, an interrupt), the
 * host may hold an approval: the reversal must be in the same commit as the outcome.
 */
class SaleEndingTest {
    @TempDir
    Path dir;
    EngineRig rig;

    @BeforeEach
    void open() {
        rig = new EngineRig(dir, false);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aHostLinkThatThrowsAfterThe0200LeftLeavesAReversalAndNoApproval() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.host.answer = r -> {
            if (r.mti().equals("0200")) {
                throw new IllegalStateException("codec bug while reading the 0210");
            }
            return FakeHost.approve(r);
        };

        Payment p = rig.payByCard("throws-host", 1500);

        assertNotEquals(PaymentState.APPROVED, p.state());
        assertNotEquals(PaymentState.PENDING, p.state());
        assertEquals(List.of(p.paymentId()), pendingReversalPayments(), "the host may have approved: reversed");
        assertEquals(OrderState.UNPAID, rig.engine.order("throws-host").orElseThrow().state());
    }

    @Test
    void aReaderThatThrowsAfterTheHostApprovedLeavesAReversalAndNoApproval() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        rig.reader.failComplete = new IllegalStateException("driver bug while sending A");

        Payment p = rig.payByCard("throws-reader", 1600);

        assertNotEquals(PaymentState.APPROVED, p.state());
        assertNotEquals(PaymentState.PENDING, p.state());
        assertEquals(List.of(p.paymentId()), pendingReversalPayments(), "the host approved: reversed");
        assertTrue(rig.reversals.deliverAll());
        assertEquals(List.of("0200", "0400"), rig.host.mtis());
        assertEquals(rig.host.requests.get(0).field(11), rig.host.requests.get(1).field(11));
    }

    @Test
    void aSaleEndedBeforeThe0200LeftOwesNothing() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.link = EngineRig.view(dev.posterm.core.status.LinkMonitor.State.OFFLINE);
        rig.reader.failComplete = new IllegalStateException("driver bug while sending A");

        Payment p = rig.payByCard("offline-throws", 1700);

        assertNotEquals(PaymentState.APPROVED_OFFLINE, p.state());
        assertEquals(List.of(), pendingReversalPayments(), "no 0200 left: nothing to reverse");
        assertEquals(Optional.empty(), rig.host.requests.stream().findFirst());
    }

    @Test
    void stoppingWhileTheHostHoldsItsAnswerPastTheGraceJournalsTheReversalBeforeTheEngineIsClosed() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        rig.host.hold0200 = new java.util.concurrent.CountDownLatch(1);
        rig.host.holdInterruptibly = false;   // a host link that does not even hear the interrupt
        String id = start("held-past-grace", 1800);
        awaitCondition(() -> rig.host.mtis().contains("0200"), "the 0200 to leave");

        rig.engine.close(java.time.Duration.ofMillis(300));

        Payment p = rig.engine.payment(id).orElseThrow();
        assertEquals(PaymentState.FAILED, p.state());
        assertEquals(Optional.of(dev.posterm.core.errors.ErrorCode.TERMINAL_RESTARTED), p.errorCode());
        assertEquals(List.of(id), pendingReversalPayments(), "journaled before close returned");
        assertEquals(OrderState.UNPAID, rig.engine.order("held-past-grace").orElseThrow().state());

        rig.host.hold0200.countDown();   // lets the lane go: its late commits are refused (CardSale.commit)
    }

    @Test
    void stoppingLetsTheStepInFlightFinishWithinTheGraceAndTakesNoNewPayment() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        rig.host.hold0200 = new java.util.concurrent.CountDownLatch(1);
        String id = start("held-then-answered", 1900);
        awaitCondition(() -> rig.host.mtis().contains("0200"), "the 0200 to leave");

        Thread closing = Thread.ofPlatform().start(() -> rig.engine.close(java.time.Duration.ofSeconds(20)));
        awaitCondition(rig.engine::stopping, "the engine to begin stopping");
        rig.engine.createOrder(new NewOrder(Optional.of("too-late"), new Money(100, "CNY"), Optional.empty(),
                Optional.empty()));
        dev.posterm.core.errors.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(
                dev.posterm.core.errors.Refused.class, () -> rig.engine.startPayment("too-late",
                        new NewPayment(PaymentMethod.CARD, Optional.empty(), Optional.empty()), Optional.empty()));
        assertEquals(dev.posterm.core.errors.ErrorCode.TERMINAL_BUSY, refused.code());
        rig.host.hold0200.countDown();   // the host answers within the timeout
        closing.join(20_000);

        assertEquals(PaymentState.APPROVED, rig.engine.payment(id).orElseThrow().state());
        assertEquals(List.of(), pendingReversalPayments(), "an approval the card took stands");
    }

    @Test
    void stoppingWhileTheReaderWaitsForACardCancelsItOnTheReader() throws Exception {
        rig.reader.holdStart = new java.util.concurrent.CountDownLatch(1);
        rig.reader.starts.add(new dev.posterm.drivers.reader.ReaderError(
                dev.posterm.drivers.reader.ReaderErrorCode.CANCELLED));
        rig.reader.onCancel = () -> rig.reader.holdStart.countDown();
        String id = start("waiting-for-card", 2000);
        awaitCondition(() -> rig.reader.started.size() == 1, "the reader to wait for a card");

        rig.engine.close(java.time.Duration.ofSeconds(20));

        assertEquals(PaymentState.CANCELLED, rig.engine.payment(id).orElseThrow().state());
        assertEquals(1, rig.reader.cancels.get());
        assertEquals(List.of(), pendingReversalPayments());
    }

    private String start(String orderId, long amount) throws Exception {
        rig.engine.createOrder(new NewOrder(Optional.of(orderId), new Money(amount, "CNY"), Optional.empty(),
                Optional.empty()));
        return rig.engine.startPayment(orderId, new NewPayment(PaymentMethod.CARD, Optional.empty(), Optional.empty()),
                Optional.empty()).paymentId();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws Exception {
        dev.posterm.core.testing.Await.until(what, condition::getAsBoolean);
    }

    private List<String> pendingReversalPayments() {
        return rig.journal.read(ReversalTable::pending).stream().map(ReversalRow::paymentId).toList();
    }
}
