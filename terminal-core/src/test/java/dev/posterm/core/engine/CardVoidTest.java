package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Card voids on the real SQLite journal: what leaves for the host, what the journal holds, and what is refused. */
class CardVoidTest {
    @TempDir
    Path dir;

    @Test
    void anApprovedSaleIsVoidedByA0200WithoutCardDataAndTheOrderIsCancelled() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "V-1", 1250);
            assertEquals(PaymentState.APPROVED, sale.state());
            List<TerminalEvent> seen = new CopyOnWriteArrayList<>();
            rig.engine.subscribe(seen::add);
            // The void's row must be in the journal, with its own STAN, before its 0200 leaves.
            List<Optional<PaymentRow>> journaledWhenSent = new CopyOnWriteArrayList<>();
            rig.host.answer = request -> {
                journaledWhenSent.add(rig.journal.read(c -> PaymentTable.forOrder(c, "V-1")).stream()
                        .filter(p -> p.type() == PaymentType.VOID).findFirst());
                return FakeHost.answer(request, "00");
            };

            Payment voided = rig.engine.voidPayment(sale.paymentId());

            assertEquals(PaymentState.VOIDED, voided.state());
            assertEquals(sale.paymentId(), voided.paymentId(), "the answer is the voided sale");
            IsoMessage sent = rig.host.requests.get(rig.host.requests.size() - 1);
            assertEquals("0200", sent.mti());
            assertEquals(Optional.of("020000"), sent.field(3));
            assertEquals(Optional.of("000000001250"), sent.field(4), "the original's whole amount");
            assertEquals(Optional.of("000000000042"), sent.field(37), "the original's RRN");
            for (int f : new int[] {2, 14, 35, 55}) {
                assertEquals(Optional.empty(), sent.field(f), "no card data: field " + f);
            }
            PaymentRow theVoid = journaledWhenSent.get(0).orElseThrow(() -> new AssertionError("void not journaled before its 0200"));
            assertEquals(Optional.of(sale.paymentId()), theVoid.originalPaymentId());
            assertEquals(sent.field(11), theVoid.stan().map(s -> String.format("%06d", s)), "journaled with the STAN that left");
            assertFalse(sent.field(11).equals(Optional.of(sale.stan().orElseThrow())), "a new STAN");

            PaymentRow approved = rig.journal.read(c -> PaymentTable.forOrder(c, "V-1")).stream()
                    .filter(p -> p.type() == PaymentType.VOID).findFirst().orElseThrow();
            assertEquals(PaymentState.APPROVED, approved.state());
            assertEquals(OrderState.CANCELLED, rig.engine.order("V-1").orElseThrow().state());
            assertTrue(seen.stream().anyMatch(e -> e instanceof TerminalEvent.OrderChanged o
                    && o.order().state() == OrderState.CANCELLED), "an order event");
            assertTrue(seen.stream().anyMatch(e -> e instanceof TerminalEvent.PaymentChanged p
                    && p.payment().state() == PaymentState.VOIDED), "a payment event for the voided sale");

            rig.spooler.printOwed();
            assertTrue(rig.printer.slips.stream().anyMatch(s -> s.contains("VOID APPROVED") && s.contains("TYPE")
                    && s.contains("VOID")), String.join("\n---\n", rig.printer.slips));
        }
    }

    @Test
    void aDeclinedVoidLeavesTheSaleAsItWasAndSaysTheHostsReason() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "V-2", 800);
            rig.host.answer = request -> FakeHost.answer(request, "12");

            Refused r = assertThrows(Refused.class, () -> rig.engine.voidPayment(sale.paymentId()));

            assertEquals(ErrorCode.VOID_DECLINED, r.code());
            assertTrue(r.detail().contains("12"), r.detail());
            assertEquals(PaymentState.APPROVED, rig.engine.payment(sale.paymentId()).orElseThrow().state());
            assertEquals(OrderState.PAID, rig.engine.order("V-2").orElseThrow().state());
            PaymentRow declined = voidOf(rig, "V-2");
            assertEquals(PaymentState.DECLINED, declined.state());
            assertEquals(PaymentState.DECLINED, rig.engine.payment(declined.paymentId()).orElseThrow().state());
            assertTrue(rig.engine.payment(declined.paymentId()).orElseThrow().message().orElseThrow().english()
                    .length() > 0);
            // Nothing is held: a refund of the whole sale may go now.
            rig.host.answer = FakeHost::approve;
            assertEquals(PaymentState.APPROVED, rig.engine.refund(sale.paymentId(), 800, Optional.empty()).state());
        }
    }

    @Test
    void anUnansweredVoidIsReversedDurablyAndTheSaleStands() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "V-3", 900);
            rig.host.answer = request -> new HostReply.NoAnswer(Duration.ofSeconds(2));

            Refused r = assertThrows(Refused.class, () -> rig.engine.voidPayment(sale.paymentId()));

            assertEquals(ErrorCode.VOID_NOT_DONE, r.code());
            PaymentRow failed = voidOf(rig, "V-3");
            assertEquals(PaymentState.FAILED, failed.state());
            var reversal = rig.journal.read(c -> ReversalTable.forPayment(c, failed.paymentId()));
            assertEquals(1, reversal.size(), "the reversal is journaled with the void's end");
            assertEquals(failed.stan().orElseThrow(), reversal.get(0).stan());
            assertEquals(PaymentState.APPROVED, rig.engine.payment(sale.paymentId()).orElseThrow().state());

            rig.host.answer = FakeHost::approve;
            assertTrue(rig.reversals.deliverAll());
            IsoMessage reversalSent = rig.host.requests.stream().filter(m -> m.mti().startsWith("040")).findFirst()
                    .orElseThrow();
            assertEquals(Optional.of("020000"), reversalSent.field(3), "the void's processing code");
            assertEquals(Optional.of("0200" + String.format("%06d", failed.stan().orElseThrow())
                    + failed.card().orElseThrow().transmittedAt().orElseThrow() + "0".repeat(22)), reversalSent.field(90));
        }
    }

    @Test
    void onlyAnApprovedSaleOfTheOpenBatchIsVoidedOnceAndCashNever() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "V-4", 500);
            rig.engine.voidPayment(sale.paymentId());
            int sent = rig.host.requests.size();
            assertEquals(PaymentState.VOIDED, rig.engine.voidPayment(sale.paymentId()).state(),
                    "a repeat is answered with the voided sale");
            assertEquals(sent, rig.host.requests.size(), "and sends nothing");
            assertEquals(ErrorCode.PAYMENT_NOT_REFUNDABLE,
                    assertThrows(Refused.class, () -> rig.engine.refund(sale.paymentId(), 100, Optional.empty())).code());
            assertEquals(ErrorCode.PAYMENT_NOT_FOUND,
                    assertThrows(Refused.class, () -> rig.engine.voidPayment("pay-none")).code());

            rig.host.answer = request -> FakeHost.answer(request, "05");
            Payment declined = approvedSale(rig, "V-5", 500);
            assertEquals(ErrorCode.PAYMENT_NOT_VOIDABLE,
                    assertThrows(Refused.class, () -> rig.engine.voidPayment(declined.paymentId())).code());

            rig.engine.createOrder(new dev.posterm.core.payment.NewOrder(Optional.of("V-6"),
                    new dev.posterm.core.payment.Money(300, "CNY"), Optional.empty(), Optional.empty()));
            Payment cash = rig.engine.startPayment("V-6", new dev.posterm.core.payment.NewPayment(
                    dev.posterm.core.payment.PaymentMethod.CASH, Optional.empty(), Optional.empty()), Optional.empty());
            assertEquals(ErrorCode.CASH_NOT_VOIDABLE,
                    assertThrows(Refused.class, () -> rig.engine.voidPayment(cash.paymentId())).code());
        }
    }

    @Test
    void aSaleOfABatchClosedSinceIsNotVoidedButMayBeRefunded() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "V-7", 700);
            rig.journal.inTransaction(c -> dev.posterm.core.journal.BatchTable.close(c, Optional.of("00"),
                    Optional.empty(), false, "settlement-T0000001-000001.csv", "0".repeat(64), List.of(),
                    rig.clock.instant()));

            Refused r = assertThrows(Refused.class, () -> rig.engine.voidPayment(sale.paymentId()));

            assertEquals(ErrorCode.VOID_OUTSIDE_BATCH, r.code());
            assertEquals(PaymentState.APPROVED, rig.engine.refund(sale.paymentId(), 700, Optional.empty()).state());
        }
    }

    @Test
    void noVoidLeavesWhileTheHostIsKnownDown() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "V-8", 600);
            int sent = rig.host.requests.size();
            rig.link = EngineRig.view(dev.posterm.core.status.LinkMonitor.State.OFFLINE);

            assertEquals(ErrorCode.RETURN_NEEDS_HOST,
                    assertThrows(Refused.class, () -> rig.engine.voidPayment(sale.paymentId())).code());
            assertEquals(sent, rig.host.requests.size());
            assertTrue(rig.journal.read(c -> PaymentTable.forOrder(c, "V-8")).stream()
                    .noneMatch(p -> p.type() == PaymentType.VOID), "nothing journaled");
        }
    }

    /** A chip sale the host approves (unless its answer is scripted otherwise) and the card completes. */
    static Payment approvedSale(EngineRig rig, String orderId, long amount) throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(dev.posterm.drivers.reader.Cid.ARQC));
        rig.reader.finals.add(new dev.posterm.drivers.reader.CardFinal(dev.posterm.drivers.reader.Cid.TC, List.of()));
        return rig.payByCard(orderId, amount);
    }

    static PaymentRow voidOf(EngineRig rig, String orderId) {
        return rig.journal.read(c -> PaymentTable.forOrder(c, orderId)).stream()
                .filter(p -> p.type() == PaymentType.VOID).findFirst().orElseThrow();
    }
}
