package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.qr.CodeSource;
import dev.posterm.core.qr.QrPayments;
import dev.posterm.core.status.LinkMonitor;
import dev.posterm.core.testing.Await;
import dev.posterm.core.wallet.OutTradeNoMaker;
import dev.posterm.core.wallet.PayOutcome;
import dev.posterm.core.wallet.RefundOutcome;
import dev.posterm.core.wallet.ReverseOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QR voids (the gateway's reverse) and refunds (its refund, by outRefundNo) on a real journal. */
class QrReturnTest {
    @TempDir
    Path dir;

    private static QrPayments rail(EngineRig rig, FakeWalletGateway g) {
        QrPayments qr = new QrPayments(rig.book, rig.spooler, rig.clock, new LinkView() {
            @Override
            public boolean knownDown() {
                return rig.link.state() == LinkMonitor.State.OFFLINE;
            }

            @Override
            public Optional<Instant> outageSince() {
                return Optional.empty();
            }

            @Override
            public void report(dev.posterm.core.hostlink.HostReply reply) {
            }
        }, CodeSource.none(), new QrPayments.Wallet(g, QrPaymentTest.TIMING, OutTradeNoMaker.forTerminal("T0000001",
                rig.clock), "T0000001", "Test Shop"));
        rig.engine.takeQrWith(qr);
        qr.resume();
        return qr;
    }

    /** A QR sale the gateway pays at once (its pay answer scripted by the test: answers queue, the last repeats). */
    private static Payment qrSale(EngineRig rig, FakeWalletGateway g, String orderId, long amount) throws Exception {
        rig.engine.createOrder(new NewOrder(Optional.of(orderId), new Money(amount, "CNY"), Optional.empty(),
                Optional.empty()));
        Payment started = rig.engine.startPayment(orderId, new NewPayment(PaymentMethod.QR,
                Optional.of(QrPaymentTest.CODE), Optional.empty()), Optional.empty());
        Payment done = rig.engine.awaitPayment(started.paymentId(), Await.PATIENCE).orElseThrow();
        assertEquals(PaymentState.APPROVED, done.state());
        return done;
    }

    @Test
    void aQrRefundGoesToTheGatewayAndItsRefusalIsADeclineWithItsMessage() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            FakeWalletGateway g = new FakeWalletGateway(rig.clock);
            try (QrPayments qr = rail(rig, g)) {
                g.pay(new PayOutcome.Paid(FakeWalletGateway.trade(1500)));
                g.refund(new RefundOutcome.Accepted("R1"), new RefundOutcome.Refused("REFUND_AMOUNT_EXCEEDED", "too much"));
                Payment sale = qrSale(rig, g, "Q-1", 1500);

                Payment refund = rig.engine.refund(sale.paymentId(), 500, Optional.empty());

                assertEquals(PaymentState.APPROVED, refund.state());
                assertEquals(sale.outTradeNo().orElseThrow(), g.calls("refund").get(0).outTradeNo());
                assertEquals(1, g.outRefundNos.size());

                Payment refused = rig.engine.refund(sale.paymentId(), 1000, Optional.empty());

                assertEquals(PaymentState.DECLINED, refused.state());
                assertEquals(Optional.of(ErrorCode.QR_REFUND_EXCEEDED), refused.errorCode());
                assertTrue(refused.message().orElseThrow().english().contains("more than was paid"));
                assertEquals(500L, (long) rig.journal.read(c -> ReturnTable.claimed(c, sale.paymentId())),
                        "the refused refund's claim given back");
            }
        }
    }

    @Test
    void aRefundWithoutAFinalAnswerIsCalledAgainWithTheSameOutRefundNoEvenAfterARestart() throws Exception {
        String refundId;
        String saleId;
        try (EngineRig rig = new EngineRig(dir, false)) {
            FakeWalletGateway g = new FakeWalletGateway(rig.clock);
            try (QrPayments qr = rail(rig, g)) {
                g.pay(new PayOutcome.Paid(FakeWalletGateway.trade(1500)));
                saleId = qrSale(rig, g, "Q-2", 1500).paymentId();
                g.refund(new RefundOutcome.Unknown("SYSTEMERROR"));

                Payment refund = rig.engine.refund(saleId, 1500, Optional.empty());

                assertEquals(PaymentState.PENDING, refund.state(), "not known yet");
                refundId = refund.paymentId();
            }
        }
        try (EngineRig rig = new EngineRig(dir, false)) {
            FakeWalletGateway g = new FakeWalletGateway(rig.clock);
            g.refund(new RefundOutcome.Accepted("R9"));
            try (QrPayments qr = rail(rig, g)) {
                Await.until(Duration.ofSeconds(20), "the refund called again after the restart",
                        () -> rig.engine.payment(refundId).orElseThrow().state() == PaymentState.APPROVED);
            }
            assertEquals(1, g.outRefundNos.size());
            String first = rig.journal.read(c -> dev.posterm.core.journal.QrReturnTable.find(c, refundId))
                    .orElseThrow().outRefundNo().orElseThrow();
            assertEquals(first, g.outRefundNos.get(0), "the same outRefundNo");
            assertEquals(PaymentState.REFUNDED, rig.engine.payment(saleId).orElseThrow().state());
            assertEquals(OrderState.REFUNDED, rig.engine.order("Q-2").orElseThrow().state());
        }
    }

    @Test
    void aQrVoidReversesTheTradeUntilTheGatewaySaysSoAndATooOldOneIsDeclined() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            FakeWalletGateway g = new FakeWalletGateway(rig.clock);
            try (QrPayments qr = rail(rig, g)) {
                g.pay(new PayOutcome.Paid(FakeWalletGateway.trade(1500)), new PayOutcome.Paid(FakeWalletGateway.trade(800)));
                g.reverse(new ReverseOutcome.CallAgain("recall"), new ReverseOutcome.Reversed(),
                        new ReverseOutcome.Refused("TRADE_OVERDUE"));
                Payment sale = qrSale(rig, g, "Q-3", 1500);

                Payment pending = rig.engine.voidPayment(sale.paymentId());

                assertEquals(PaymentState.PENDING, pending.state(), "the void waits for the gateway");
                Await.until(Duration.ofSeconds(20), "the reverse called again",
                        () -> rig.engine.payment(sale.paymentId()).orElseThrow().state() == PaymentState.VOIDED);
                assertEquals(OrderState.CANCELLED, rig.engine.order("Q-3").orElseThrow().state());
                assertEquals(2, g.calls("reverse").size());
                assertTrue(g.calls("reverse").stream().allMatch(c -> c.outTradeNo().equals(sale.outTradeNo().get())));

                Payment old = qrSale(rig, g, "Q-4", 800);
                Refused r = assertThrows(Refused.class, () -> rig.engine.voidPayment(old.paymentId()));
                assertEquals(ErrorCode.VOID_DECLINED, r.code());
                assertEquals(PaymentState.APPROVED, rig.engine.payment(old.paymentId()).orElseThrow().state());
            }
        }
    }

    @Test
    void noQrReturnWhileTheLinkIsDown() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            FakeWalletGateway g = new FakeWalletGateway(rig.clock);
            try (QrPayments qr = rail(rig, g)) {
                g.pay(new PayOutcome.Paid(FakeWalletGateway.trade(1500)));
                Payment sale = qrSale(rig, g, "Q-5", 1500);
                rig.link = EngineRig.view(LinkMonitor.State.OFFLINE);
                assertEquals(ErrorCode.RETURN_NEEDS_HOST, assertThrows(Refused.class,
                        () -> rig.engine.refund(sale.paymentId(), 100, Optional.empty())).code());
                assertEquals(List.of(), g.calls("refund"));
            }
        }
    }
}
