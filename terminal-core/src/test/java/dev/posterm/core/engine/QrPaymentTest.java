package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
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
import dev.posterm.core.wallet.FlowTiming;
import dev.posterm.core.wallet.OutTradeNoMaker;
import dev.posterm.core.wallet.PayOutcome;
import dev.posterm.core.wallet.QueryOutcome;
import dev.posterm.core.wallet.ReverseOutcome;
import dev.posterm.core.wallet.TradeState;
import dev.posterm.drivers.scanner.Scan;
import dev.posterm.drivers.scanner.ScanResult;
import dev.posterm.drivers.scanner.Scanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QR payments through the engine on a real journal, with a scripted wallet gateway. */
class QrPaymentTest {
    static final String CODE = "134567890123456789";   // WeChat Pay: 13, 18 digits
    static final String PRODUCT_BARCODE = "6901234567892"; // an EAN-13 scanned by mistake
    static final long AMOUNT = 1_500;
    /** Short, so that a test runs in a second; REVERSE_NOT_BEFORE stands in for the spec's 15 s. */
    static final Duration REVERSE_NOT_BEFORE = Duration.ofMillis(600);
    static final FlowTiming TIMING = new FlowTiming(Duration.ofMillis(30), Duration.ofMillis(300), REVERSE_NOT_BEFORE,
            Duration.ofMillis(20), Duration.ofMillis(40));

    @TempDir
    Path dir;
    EngineRig rig;
    FakeWalletGateway gateway;
    QrPayments qr;

    @BeforeEach
    void setUp() {
        rig = new EngineRig(dir, false);
        gateway = new FakeWalletGateway(rig.clock);
        qr = rail(gateway, CodeSource.none());
        rig.engine.takeQrWith(qr);
    }

    @AfterEach
    void tearDown() {
        qr.close();
        rig.close();
    }

    private QrPayments rail(FakeWalletGateway g, CodeSource codes) {
        return new QrPayments(rig.book, rig.spooler, rig.clock, new LinkView() {
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
        }, codes, new QrPayments.Wallet(g, TIMING, OutTradeNoMaker.forTerminal("T0000001", rig.clock), "T0000001",
                "Test Shop"));
    }

    private Payment startQr(String orderId, Optional<String> code) throws Refused {
        rig.engine.createOrder(new NewOrder(Optional.of(orderId), new Money(AMOUNT, "CNY"), Optional.empty(),
                Optional.empty()));
        return rig.engine.startPayment(orderId, new NewPayment(PaymentMethod.QR, code, Optional.empty()),
                Optional.empty());
    }

    private Payment outcome(Payment started) throws Exception {
        return rig.engine.awaitPayment(started.paymentId(), Await.PATIENCE).orElseThrow();
    }

    private OrderState order(String id) {
        return rig.engine.order(id).orElseThrow().state();
    }

    @Test
    void paidAtOnceApprovesAndPaysTheOrder() throws Exception {
        gateway.pay(new PayOutcome.Paid(FakeWalletGateway.trade(AMOUNT)));
        Payment started = startQr("o-1", Optional.of(CODE));
        assertEquals(PaymentState.PENDING, started.state());
        assertEquals(Optional.of("WECHAT"), started.wallet());
        assertTrue(started.outTradeNo().orElseThrow().startsWith("T0000001"));

        Payment done = outcome(started);
        assertEquals(PaymentState.APPROVED, done.state());
        assertEquals(OrderState.PAID, order("o-1"));
        assertEquals(started.outTradeNo(), done.outTradeNo());
        assertEquals(List.of("pay"), gateway.calls().stream().map(FakeWalletGateway.Call::name).toList());
        assertEquals(done.outTradeNo().orElseThrow(), gateway.calls().get(0).outTradeNo());
    }

    @Test
    void anApprovedQrPaymentPrintsTheWalletOnBothSlips() throws Exception {
        gateway.pay(new PayOutcome.Paid(FakeWalletGateway.trade(AMOUNT)));
        Payment done = outcome(startQr("o-1", Optional.of(CODE)));
        rig.spooler.printOwed();
        assertEquals(2, rig.printer.slips.size());
        for (String slip : rig.printer.slips) {
            assertTrue(slip.contains("WeChat Pay"), slip);
            assertTrue(slip.contains(done.outTradeNo().orElseThrow()), slip);
            assertTrue(slip.contains("4200000001"), slip);
            assertFalse(slip.contains(CODE.substring(2, 14)), "the payment code on a slip: " + slip);
        }
    }

    @Test
    void aChineseSlipNamesTheWalletInChinese() throws Exception {
        qr.close();
        rig.close();
        rig = new EngineRig(dir.resolve("zh"), true);
        qr = rail(gateway, CodeSource.none());
        rig.engine.takeQrWith(qr);
        gateway.pay(new PayOutcome.Refused("NOTENOUGH", "balance too low"));
        outcome(startQr("o-1", Optional.of(CODE)));
        rig.spooler.printOwed();
        assertEquals(1, rig.printer.slips.size());
        assertTrue(rig.printer.slips.get(0).contains("微信支付"), rig.printer.slips.get(0));
        assertTrue(rig.printer.slips.get(0).contains("NOTENOUGH"), rig.printer.slips.get(0));
    }

    @Test
    void thePaymentCodeNeverReachesTheJournalInClear() throws Exception {
        gateway.pay(new PayOutcome.Paid(FakeWalletGateway.trade(AMOUNT)));
        outcome(startQr("o-1", Optional.of(CODE)));
        rig.journal.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(CODE), f + " holds the payment code in clear");
            }
        }
    }

    @Test
    void userPayingThenPaidIsApprovedAfterQueries() throws Exception {
        gateway.pay(new PayOutcome.UserPaying())
                .query(FakeWalletGateway.found(TradeState.USERPAYING, AMOUNT), FakeWalletGateway.found(TradeState.SUCCESS, AMOUNT));
        Payment done = outcome(startQr("o-1", Optional.of(CODE)));
        assertEquals(PaymentState.APPROVED, done.state());
        assertEquals(OrderState.PAID, order("o-1"));
        assertEquals(2, gateway.calls("query").size());
        assertTrue(gateway.calls("reverse").isEmpty());
    }

    @Test
    void systemErrorOnPayIsQueriedNotDeclined() throws Exception {
        gateway.pay(new PayOutcome.Unknown("SYSTEMERROR")).query(FakeWalletGateway.found(TradeState.SUCCESS, AMOUNT));
        assertEquals(PaymentState.APPROVED, outcome(startQr("o-1", Optional.of(CODE))).state());
    }

    @Test
    void notEnoughMoneyDeclinesWithTheGatewaysCodeAndTheOrderStaysPayable() throws Exception {
        gateway.pay(new PayOutcome.Refused("NOTENOUGH", "balance too low"));
        Payment done = outcome(startQr("o-1", Optional.of(CODE)));
        assertEquals(PaymentState.DECLINED, done.state());
        assertEquals(Optional.of(ErrorCode.QR_DECLINED), done.errorCode());
        assertEquals(Optional.of("NOTENOUGH"), done.responseCode());
        assertEquals(OrderState.UNPAID, order("o-1"));
        Payment cash = rig.engine.startPayment("o-1", new NewPayment(PaymentMethod.CASH, Optional.empty(),
                Optional.empty()), Optional.empty());
        assertEquals(PaymentState.APPROVED, cash.state());
    }

    @Test
    void userPayingForeverIsReversedNeverSoonerThanTheRuleAfterPay() throws Exception {
        gateway.pay(new PayOutcome.UserPaying()).query(FakeWalletGateway.found(TradeState.USERPAYING, AMOUNT))
                .reverse(new ReverseOutcome.CallAgain("recall"), new ReverseOutcome.Reversed());
        Payment started = startQr("o-1", Optional.of(CODE));
        Payment reversing = Await.until(Await.PATIENCE, "the payment being reversed",
                () -> rig.engine.payment(started.paymentId()).orElseThrow(),
                p -> p.errorCode().equals(Optional.of(ErrorCode.QR_BEING_REVERSED)) || p.state().isFinal());
        assertEquals(PaymentState.PENDING, reversing.state(), "reported as being reversed meanwhile");
        Payment done = outcome(started);

        assertEquals(PaymentState.CANCELLED, done.state());
        assertEquals(Optional.of(ErrorCode.QR_REVERSED), done.errorCode());
        assertEquals(OrderState.UNPAID, order("o-1"));
        List<FakeWalletGateway.Call> reverses = gateway.calls("reverse");
        assertEquals(2, reverses.size(), "repeated until SUCCESS");
        Instant payAt = gateway.calls("pay").get(0).at();
        assertFalse(reverses.get(0).at().isBefore(payAt.plus(REVERSE_NOT_BEFORE)), "reverse sooner than allowed after pay");
    }

    @Test
    void aCashierCancelReversesAndTheOrderIsPayableAgain() throws Exception {
        gateway.pay(new PayOutcome.UserPaying()).query(FakeWalletGateway.found(TradeState.USERPAYING, AMOUNT))
                .reverse(new ReverseOutcome.NothingToUndo());
        // A long give-up: only the cancel ends it.
        qr.close();
        qr = new QrPayments(rig.book, rig.spooler, rig.clock, linkUp(), CodeSource.none(), new QrPayments.Wallet(gateway,
                new FlowTiming(Duration.ofMillis(30), Duration.ofMinutes(5), REVERSE_NOT_BEFORE, Duration.ofMillis(20),
                        Duration.ofMillis(40)), OutTradeNoMaker.forTerminal("T0000001", rig.clock), "T0000001", "Shop"));
        rig.engine.takeQrWith(qr);
        Payment started = startQr("o-1", Optional.of(CODE));
        Await.until("a first query", () -> !gateway.calls("query").isEmpty());
        rig.engine.cancelPayment(started.paymentId());
        Payment done = outcome(started);
        assertEquals(PaymentState.CANCELLED, done.state());
        assertEquals(Optional.of(ErrorCode.CANCELLED), done.errorCode());
        assertEquals(OrderState.UNPAID, order("o-1"));
        assertEquals(1, gateway.calls("reverse").size());
    }

    @Test
    void aProductBarcodeIsRefusedBeforeAnyCall() throws Exception {
        Refused r = assertThrows(Refused.class, () -> startQr("o-1", Optional.of(PRODUCT_BARCODE)));
        assertEquals(ErrorCode.QR_NOT_A_PAYMENT_CODE, r.code());
        assertTrue(gateway.calls().isEmpty());
        assertEquals(OrderState.UNPAID, order("o-1"));
        assertTrue(rig.engine.order("o-1").orElseThrow().payments().isEmpty());
    }

    @Test
    void qrIsRefusedAtOnceWhenTheLinkIsOffline() throws Exception {
        rig.link = EngineRig.view(LinkMonitor.State.OFFLINE);
        Refused r = assertThrows(Refused.class, () -> startQr("o-1", Optional.of(CODE)));
        assertEquals(ErrorCode.QR_OFFLINE, r.code());
        assertTrue(gateway.calls().isEmpty());
        assertEquals(OrderState.UNPAID, order("o-1"));
    }

    @Test
    void qrIsRefusedWithoutAWalletConfigured() throws Exception {
        rig.engine.takeQrWith(QrRail.NONE);
        Refused r = assertThrows(Refused.class, () -> startQr("o-1", Optional.of(CODE)));
        assertEquals(ErrorCode.QR_NOT_CONFIGURED, r.code());
    }

    @Test
    void withoutACodeTheNextScanPays() throws Exception {
        gateway.pay(new PayOutcome.Paid(FakeWalletGateway.trade(AMOUNT)));
        useScanner(new ScanResult.Scanned(new Scan(CODE, Instant.now())));
        Payment done = outcome(startQr("o-1", Optional.empty()));
        assertEquals(PaymentState.APPROVED, done.state());
        assertEquals(CODE, gateway.calls("pay").get(0).authCode());
    }

    @Test
    void withoutACodeNoScanOrNoScannerIsRefusedClearly() throws Exception {
        assertEquals(ErrorCode.QR_NO_SCANNER, assertThrows(Refused.class, () -> startQr("o-1", Optional.empty())).code());
        useScanner(new ScanResult.NothingScanned());
        assertEquals(ErrorCode.QR_NO_CODE, assertThrows(Refused.class, () -> startQr("o-2", Optional.empty())).code());
        useScanner(new ScanResult.Scanned(new Scan(PRODUCT_BARCODE, Instant.now())));
        assertEquals(ErrorCode.QR_NOT_A_PAYMENT_CODE,
                assertThrows(Refused.class, () -> startQr("o-3", Optional.empty())).code());
        assertTrue(gateway.calls().isEmpty());
    }

    @Test
    void aPaymentInterruptedByARestartIsQueriedAndFinished() throws Exception {
        gateway.holdPay = true;
        gateway.pay(new PayOutcome.Paid(FakeWalletGateway.trade(AMOUNT)));
        Payment started = startQr("o-1", Optional.of(CODE));
        gateway.paySeen.await();
        qr.close();   // the process dies with pay in flight: the journal says PAYING

        FakeWalletGateway after = new FakeWalletGateway(rig.clock).query(FakeWalletGateway.found(TradeState.SUCCESS, AMOUNT));
        qr = rail(after, CodeSource.none());
        rig.engine.takeQrWith(qr);
        assertEquals(1, qr.resume());
        Payment done = outcome(started);
        assertEquals(PaymentState.APPROVED, done.state());
        assertEquals(OrderState.PAID, order("o-1"));
        assertEquals(List.of("query"), after.calls().stream().map(FakeWalletGateway.Call::name).toList());
        assertEquals(started.outTradeNo().orElseThrow(), after.calls().get(0).outTradeNo());
    }

    @Test
    void newQrPaymentsWaitUntilAnInterruptedOneIsResolved() throws Exception {
        gateway.holdPay = true;
        gateway.pay(new PayOutcome.Paid(FakeWalletGateway.trade(AMOUNT)));
        Payment started = startQr("o-1", Optional.of(CODE));
        gateway.paySeen.await();
        qr.close();

        FakeWalletGateway after = new FakeWalletGateway(rig.clock)
                .query(FakeWalletGateway.found(TradeState.SUCCESS, AMOUNT))
                .pay(new PayOutcome.Paid(FakeWalletGateway.trade(AMOUNT)));
        after.queryGate = new java.util.concurrent.CountDownLatch(1);
        qr = rail(after, CodeSource.none());
        rig.engine.takeQrWith(qr);
        qr.resume();
        Await.until("the resumed payment's query sent", () -> !after.calls("query").isEmpty());
        Refused r = assertThrows(Refused.class, () -> startQr("o-2", Optional.of(CODE)));
        assertEquals(ErrorCode.QR_RESUMING, r.code());
        assertEquals(OrderState.UNPAID, order("o-2"));

        after.queryGate.countDown();
        assertEquals(PaymentState.APPROVED, outcome(started).state());
        Payment second = Await.until(Await.PATIENCE, "a new QR payment taken", () -> {
            try {
                return Optional.of(rig.engine.startPayment("o-2", new NewPayment(PaymentMethod.QR, Optional.of(CODE),
                        Optional.empty()), Optional.empty()));
            } catch (Refused stillResuming) {
                return Optional.<Payment>empty();
            }
        }, Optional::isPresent).orElseThrow();
        assertEquals(PaymentState.APPROVED, outcome(second).state());
    }

    @Test
    void aReverseTheGatewayKeepsRefusingIsListedStuckAfterFiveCallsUntilItEnds() throws Exception {
        gateway.pay(new PayOutcome.UserPaying()).query(FakeWalletGateway.found(TradeState.USERPAYING, AMOUNT))
                .reverse(new ReverseOutcome.Refused("TRADE_OVERDUE"));
        Payment started = startQr("o-1", Optional.of(CODE));
        QrPayments.Reversing stuck = Await.until(Await.PATIENCE, "the reverse listed as stuck", () ->
                qr.reversing().stream().filter(QrPayments.Reversing::stuck).findFirst(), Optional::isPresent).orElseThrow();
        assertEquals(started.paymentId(), stuck.paymentId());
        assertEquals(Optional.of("TRADE_OVERDUE"), stuck.lastRefusal());
        assertTrue(gateway.calls("reverse").size() >= QrPayments.REVERSE_STUCK_AFTER, gateway.calls().toString());

        gateway.reverse(new ReverseOutcome.Reversed());
        assertEquals(PaymentState.CANCELLED, outcome(started).state());
        assertEquals(List.of(), qr.reversing());
    }

    @Test
    void aPaymentBeingReversedAtARestartIsReversedAgain() throws Exception {
        gateway.pay(new PayOutcome.UserPaying()).query(FakeWalletGateway.found(TradeState.USERPAYING, AMOUNT))
                .reverse(new ReverseOutcome.CallAgain("no answer"));
        Payment started = startQr("o-1", Optional.of(CODE));
        Await.until("a reverse sent", () -> !gateway.calls("reverse").isEmpty());
        qr.close();

        FakeWalletGateway after = new FakeWalletGateway(rig.clock).reverse(new ReverseOutcome.Reversed());
        qr = rail(after, CodeSource.none());
        rig.engine.takeQrWith(qr);
        assertEquals(1, qr.resume());
        Payment done = outcome(started);
        assertEquals(PaymentState.CANCELLED, done.state());
        assertEquals(Optional.of(ErrorCode.QR_REVERSED), done.errorCode());
        assertEquals(List.of("reverse"), after.calls().stream().map(FakeWalletGateway.Call::name).toList());
        assertEquals(OrderState.UNPAID, order("o-1"));
    }

    @Test
    void recoveryOfTheCardFlowLeavesAnUnfinishedQrPaymentAlone() throws Exception {
        gateway.holdPay = true;
        gateway.pay(new PayOutcome.Paid(FakeWalletGateway.trade(AMOUNT)));
        Payment started = startQr("o-1", Optional.of(CODE));
        gateway.paySeen.await();
        qr.close();
        new Recovery(rig.book, rig.clock).run();
        assertEquals(PaymentState.PENDING, rig.engine.payment(started.paymentId()).orElseThrow().state());
        assertEquals(OrderState.PAYING, order("o-1"));
    }

    private LinkView linkUp() {
        return new LinkView() {
            @Override
            public boolean knownDown() {
                return false;
            }

            @Override
            public Optional<Instant> outageSince() {
                return Optional.empty();
            }

            @Override
            public void report(dev.posterm.core.hostlink.HostReply reply) {
            }
        };
    }

    private void useScanner(ScanResult result) {
        qr.close();
        Scanner scanner = new Scanner() {
            @Override
            public ScanResult next(Duration timeout) {
                return result;
            }

            @Override
            public void clear() {
            }

            @Override
            public void close() {
            }
        };
        qr = rail(gateway, new CodeSource(Optional.of(scanner), Duration.ofMillis(50)));
        rig.engine.takeQrWith(qr);
    }
}
