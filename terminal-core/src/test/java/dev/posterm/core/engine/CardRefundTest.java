package dev.posterm.core.engine;

import static dev.posterm.core.engine.CardVoidTest.approvedSale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Card refunds on the real SQLite journal: partial and full, never more than paid, reversed when unanswered. */
class CardRefundTest {
    @TempDir
    Path dir;

    @Test
    void twoPartialRefundsThenAnOverRefundRefusedBeforeTheHost() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "R-1", 1000);

            Payment first = rig.engine.refund(sale.paymentId(), 300, Optional.empty());

            assertEquals(PaymentState.APPROVED, first.state());
            assertEquals(PaymentType.REFUND, first.type());
            assertEquals(Optional.of(sale.paymentId()), first.originalPaymentId());
            IsoMessage sent = rig.host.requests.get(rig.host.requests.size() - 1);
            assertEquals(Optional.of("200000"), sent.field(3));
            assertEquals(Optional.of("000000000300"), sent.field(4), "the refunded amount");
            assertEquals(Optional.of("000000000042"), sent.field(37), "the sale's RRN");
            for (int f : new int[] {2, 14, 35, 55}) {
                assertEquals(Optional.empty(), sent.field(f), "no card data: field " + f);
            }
            assertEquals(PaymentState.APPROVED, rig.engine.payment(sale.paymentId()).orElseThrow().state(), "partly refunded");
            assertEquals(OrderState.PAID, rig.engine.order("R-1").orElseThrow().state());

            assertEquals(PaymentState.APPROVED, rig.engine.refund(sale.paymentId(), 600, Optional.empty()).state());
            int sentSoFar = rig.host.requests.size();

            Refused over = assertThrows(Refused.class, () -> rig.engine.refund(sale.paymentId(), 101, Optional.empty()));

            assertEquals(ErrorCode.REFUND_EXCEEDS_PAID, over.code());
            assertTrue(over.detail().contains("100 left"), over.detail());
            assertEquals(sentSoFar, rig.host.requests.size(), "refused before the host");

            assertEquals(PaymentState.APPROVED, rig.engine.refund(sale.paymentId(), 100, Optional.empty()).state());
            assertEquals(PaymentState.REFUNDED, rig.engine.payment(sale.paymentId()).orElseThrow().state(),
                    "refunded in full");
            assertEquals(OrderState.REFUNDED, rig.engine.order("R-1").orElseThrow().state());
            assertEquals(ErrorCode.PAYMENT_NOT_REFUNDABLE, assertThrows(Refused.class,
                    () -> rig.engine.refund(sale.paymentId(), 1, Optional.empty())).code());

            rig.spooler.printOwed();
            assertTrue(rig.printer.slips.stream().anyMatch(s -> s.contains("REFUND APPROVED")
                    && s.contains("AMOUNT CNY 3.00")), String.join("\n---\n", rig.printer.slips));
        }
    }

    @Test
    void theHostsThirteenDeclinesTheRefundAndGivesItsClaimBack() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "R-2", 1000);
            rig.host.answer = request -> FakeHost.answer(request, "13");

            Payment refund = rig.engine.refund(sale.paymentId(), 1000, Optional.empty());

            assertEquals(PaymentState.DECLINED, refund.state());
            assertEquals(Optional.of("13"), refund.responseCode());
            assertEquals(Optional.of(ErrorCode.HOST_DECLINED), refund.errorCode());
            assertEquals(0L, (long) rig.journal.read(c -> ReturnTable.claimed(c, sale.paymentId())));
            assertEquals(PaymentState.APPROVED, rig.engine.payment(sale.paymentId()).orElseThrow().state());
        }
    }

    @Test
    void theSameKeyAndAmountGiveTheSameRefundAndAnotherAmountIsRefused() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "R-3", 1000);
            Payment refund = rig.engine.refund(sale.paymentId(), 400, Optional.of("rf-1"));
            int sent = rig.host.requests.size();

            Payment again = rig.engine.refund(sale.paymentId(), 400, Optional.of("rf-1"));

            assertEquals(refund.paymentId(), again.paymentId());
            assertEquals(sent, rig.host.requests.size(), "no second 0200");
            assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, assertThrows(Refused.class,
                    () -> rig.engine.refund(sale.paymentId(), 500, Optional.of("rf-1"))).code());
            assertEquals(400L, (long) rig.journal.read(c -> ReturnTable.claimed(c, sale.paymentId())));
        }
    }

    @Test
    void twoRefundsRacingForTheSameMoneyCannotBothPass() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "R-4", 1000);
            CountDownLatch hold = new CountDownLatch(1);
            rig.host.hold0200 = hold;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                List<Future<Payment>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(two.submit(() -> {
                        go.await();
                        return rig.engine.refund(sale.paymentId(), 600, Optional.empty());
                    }));
                }
                go.countDown();
                // The winner's 0200 is held at the host: the other one must end (refused) meanwhile.
                dev.posterm.core.testing.Await.until(Duration.ofSeconds(20), "one of the two refunds to end",
                        () -> results.stream().anyMatch(Future::isDone));
                hold.countDown();
                Throwable refused = null;
                Payment passed = null;
                for (Future<Payment> f : results) {
                    try {
                        passed = f.get(20, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        refused = e.getCause();
                    }
                }
                assertTrue(refused instanceof Refused r && r.code() == ErrorCode.REFUND_EXCEEDS_PAID, String.valueOf(refused));
                assertEquals(PaymentState.APPROVED, passed.state());
                assertEquals(1, rig.host.requests.stream().filter(m -> m.field(3).equals(Optional.of("200000"))).count(),
                        "one refund reached the host");
                assertEquals(600L, (long) rig.journal.read(c -> ReturnTable.refunded(c, sale.paymentId())));
            } finally {
                hold.countDown();
                two.shutdownNow();
            }
        }
    }

    @Test
    void theJournalsConditionalClaimRefusesTheSecondOfTwoRefundsThatBothPassedTheirChecks() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "R-5", 1000);

            boolean first = rig.journal.inTransaction(c -> ReturnTable.claimRefund(c, sale.paymentId(), 600));
            boolean second = rig.journal.inTransaction(c -> ReturnTable.claimRefund(c, sale.paymentId(), 600));
            boolean rest = rig.journal.inTransaction(c -> ReturnTable.claimRefund(c, sale.paymentId(), 400));

            assertTrue(first);
            assertEquals(false, second, "600 + 600 > 1000");
            assertTrue(rest, "600 + 400 = 1000");
        }
    }

    @Test
    void anUnansweredRefundIsFailedAndReversedWithTheRefundsOwnProcessingCode() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "R-6", 1000);
            rig.host.answer = request -> new HostReply.NoAnswer(Duration.ofSeconds(2));

            Payment refund = rig.engine.refund(sale.paymentId(), 1000, Optional.empty());

            assertEquals(PaymentState.FAILED, refund.state());
            assertEquals(Optional.of(ErrorCode.RETURN_TIMEOUT), refund.errorCode());
            assertEquals(1, rig.journal.read(c -> ReversalTable.forPayment(c, refund.paymentId())).size());
            assertEquals(0L, (long) rig.journal.read(c -> ReturnTable.claimed(c, sale.paymentId())), "claim given back");

            // Next refund: the reversal goes first, then the new 0200.
            rig.host.answer = FakeHost::approve;
            assertEquals(PaymentState.APPROVED, rig.engine.refund(sale.paymentId(), 1000, Optional.empty()).state());
            List<String> tail = rig.host.mtis().subList(rig.host.mtis().size() - 2, rig.host.mtis().size());
            assertEquals(List.of("0400", "0200"), tail.stream().map(m -> m.equals("0401") ? "0400" : m).toList());
            IsoMessage reversal = rig.host.requests.get(rig.host.requests.size() - 2);
            assertEquals(Optional.of("200000"), reversal.field(3));
            assertEquals(Optional.of("000000001000"), reversal.field(4));
        }
    }

    @Test
    void aRefundIsNeverMadeOffline() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "R-7", 1000);
            int sent = rig.host.requests.size();
            rig.link = EngineRig.view(dev.posterm.core.status.LinkMonitor.State.OFFLINE);

            assertEquals(ErrorCode.RETURN_NEEDS_HOST, assertThrows(Refused.class,
                    () -> rig.engine.refund(sale.paymentId(), 100, Optional.empty())).code());
            assertEquals(sent, rig.host.requests.size());
            assertEquals(0L, (long) rig.journal.read(c -> ReturnTable.claimed(c, sale.paymentId())));
        }
    }

    @Test
    void aRefundCutOffByARestartAfterItsJournalIsFailedReversedAndItsClaimGivenBack() throws Exception {
        String saleId;
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment sale = approvedSale(rig, "R-8", 1000);
            saleId = sale.paymentId();
            PaymentRow saleRow = rig.book.find(saleId).orElseThrow();
            PaymentRow cut = PaymentRow.returnOf(saleRow, "pay-cutrefund", PaymentType.REFUND, 700, Optional.empty(),
                    Instant.now()).withOnline(77, "1203101010", "2026-12-03T18:10:10", Instant.now());
            rig.book.saveIf(c -> ReturnTable.claimRefund(c, saleId, 700), cut, "as the crash left it", c -> { });
        }
        try (EngineRig rig = new EngineRig(dir, false)) {
            assertEquals(1, new Recovery(rig.book, rig.clock).run());

            assertEquals(PaymentState.FAILED, rig.engine.payment("pay-cutrefund").orElseThrow().state());
            var reversals = rig.journal.read(c -> ReversalTable.forPayment(c, "pay-cutrefund"));
            assertEquals(1, reversals.size());
            assertEquals("1203101010", reversals.get(0).originalF7());
            assertEquals(0L, (long) rig.journal.read(c -> ReturnTable.claimed(c, saleId)), "claim given back");
            assertEquals(PaymentState.APPROVED, rig.engine.refund(saleId, 1000, Optional.empty()).state(),
                    "the whole sale may be refunded once the cut one is reversed");
            assertEquals("0400", rig.host.requests.get(0).mti(), "the reversal went first");
        }
    }

    @Test
    void anOfflineSaleTheHostHasNotAcceptedIsNotRefundedYet() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            rig.link = EngineRig.view(dev.posterm.core.status.LinkMonitor.State.OFFLINE);
            rig.reader.starts.add(EngineRig.chipCard(dev.posterm.drivers.reader.Cid.ARQC));
            rig.reader.finals.add(new dev.posterm.drivers.reader.CardFinal(dev.posterm.drivers.reader.Cid.TC, List.of()));
            Payment sale = rig.payByCard("R-9", 1000);
            assertEquals(PaymentState.APPROVED_OFFLINE, sale.state());
            rig.link = EngineRig.view(dev.posterm.core.status.LinkMonitor.State.ONLINE);

            assertEquals(ErrorCode.SALE_NOT_YET_ADVISED, assertThrows(Refused.class,
                    () -> rig.engine.refund(sale.paymentId(), 100, Optional.empty())).code());
            assertEquals(ErrorCode.SALE_NOT_YET_ADVISED, assertThrows(Refused.class,
                    () -> rig.engine.voidPayment(sale.paymentId())).code());

            assertTrue(rig.saf.forwardNow(), "the advice went");
            Payment refund = rig.engine.refund(sale.paymentId(), 100, Optional.empty());
            assertEquals(PaymentState.APPROVED, refund.state());
            IsoMessage sent = rig.host.requests.get(rig.host.requests.size() - 1);
            assertEquals(Optional.of("000000000042"), sent.field(37), "the RRN of the 0230");
        }
    }
}
