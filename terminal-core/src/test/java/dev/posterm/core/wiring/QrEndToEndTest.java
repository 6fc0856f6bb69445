package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.scanner.ScannerSimulator;
import dev.posterm.simulator.wallet.Behaviour;
import dev.posterm.simulator.wallet.Trade;
import dev.posterm.simulator.wallet.WalletGatewaySimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QR payments over the real controller built from its config file, its HTTP API, the wallet gateway
 * simulator (its own books and signing code) and the scanner simulator on TCP. The gateway's books
 * say who was charged.
 */
class QrEndToEndTest {
    static final String MERCHANT = "1900000109";
    static final String KEY = "posterm-lab-wallet-key-0001";

    @TempDir
    Path dir;
    WalletGatewaySimulator wallet;
    ScannerSimulator scanner;
    Shop shop;

    @BeforeEach
    void setUp() throws Exception {
        wallet = new WalletGatewaySimulator(0, MERCHANT, KEY, Clock.systemUTC()).start();
        scanner = new ScannerSimulator(0).start();
        shop = Shop.with(dir, walletToml());
    }

    private String walletToml() {
        return """
                [wallet]
                url = "%s"
                merchant_id = "%s"
                key = "%s"
                timeout_ms = 3000
                query_interval_ms = 1000
                give_up_seconds = 15
                [scanner]
                port = "tcp:127.0.0.1:%d"
                """.formatted(wallet.url(), MERCHANT, KEY, scanner.port());
    }

    @AfterEach
    void tearDown() throws Exception {
        shop.close();
        scanner.close();
        wallet.close();
    }

    /** A WeChat Pay code ending in {@code last2} (the simulator's behaviour by the last two digits). */
    static String code(String last2) {
        return "1345678901234567" + last2;
    }

    private CashRegister.Answer payQr(String orderId, long amount, Optional<String> code) throws IOException {
        CashRegister.Answer order = shop.register.createOrder(orderId, amount, "CNY", "qr test");
        assertEquals(201, order.status(), order.body().toString());
        String body = code.map(c -> "{\"method\":\"QR\",\"qrCode\":\"" + c + "\"}").orElse("{\"method\":\"QR\"}");
        return shop.register.send("POST", "/orders/" + orderId + "/payments", Optional.of(body));
    }

    private CashRegister.Answer finalState(String paymentId, int seconds) throws IOException {
        CashRegister.Answer a = shop.register.awaitPayment(paymentId, seconds);
        assertFalse("PENDING".equals(a.text("state")), "still pending: " + a.body());
        return a;
    }

    @Test
    void paidAtOnce() throws Exception {
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("00")));
        assertEquals(202, started.status(), started.body().toString());
        assertEquals("WECHAT", started.text("wallet"));
        CashRegister.Answer done = finalState(started.text("paymentId"), 20);
        assertEquals("APPROVED", done.text("state"));
        assertEquals("PAID", shop.register.order("q-1").text("state"));
        Trade trade = wallet.trade(done.text("outTradeNo"));
        assertEquals("SUCCESS", trade.state());
        assertEquals(1500, trade.held());
    }

    @Test
    void userPayingThenPaid() throws Exception {
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("91")));
        CashRegister.Answer done = finalState(started.text("paymentId"), 30);
        assertEquals("APPROVED", done.text("state"));
        assertTrue(wallet.trade(done.text("outTradeNo")).queries() >= 2);
    }

    @Test
    void declinedNotEnoughLeavesTheOrderPayable() throws Exception {
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("94")));
        CashRegister.Answer done = finalState(started.text("paymentId"), 20);
        assertEquals("DECLINED", done.text("state"));
        assertEquals("QR_DECLINED", done.text("errorCode"));
        assertEquals("NOTENOUGH", done.text("responseCode"));
        assertEquals("UNPAID", shop.register.order("q-1").text("state"));
    }

    @Test
    void userPayingForeverIsReversedAndNobodyIsCharged() throws Exception {
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("92")));
        CashRegister.Answer done = finalState(started.text("paymentId"), 60);
        assertEquals("CANCELLED", done.text("state"));
        assertEquals("QR_REVERSED", done.text("errorCode"));
        Trade trade = wallet.trade(done.text("outTradeNo"));
        assertTrue(trade.state().equals("CLOSED") || trade.state().equals("REVOKED"), trade.toString());
        assertEquals(0, trade.held(), "the customer is charged nothing");
        assertFalse(trade.reverses().get(0).isBefore(trade.payReceivedAt().plusSeconds(15)),
                "a reverse reached the gateway sooner than 15 s after pay: " + trade);
        assertEquals("UNPAID", shop.register.order("q-1").text("state"));
    }

    @Test
    void aSystemErrorOnPayIsQueriedAndTheTradePaidIsApproved() throws Exception {
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("93")));
        CashRegister.Answer done = finalState(started.text("paymentId"), 30);
        assertEquals("APPROVED", done.text("state"), done.body().toString());
        Trade trade = wallet.trade(done.text("outTradeNo"));
        assertTrue(trade.queries() >= 1, "queried, not declined: " + trade);
        assertEquals(1500, trade.held());
    }

    @Test
    void anExpiredPaymentCodeIsDeclinedAndNobodyIsCharged() throws Exception {
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("95")));
        CashRegister.Answer done = finalState(started.text("paymentId"), 20);
        assertEquals("DECLINED", done.text("state"), done.body().toString());
        assertEquals("AUTHCODE_EXPIRED", done.text("responseCode"));
        assertEquals("UNPAID", shop.register.order("q-1").text("state"));
        assertEquals(0, wallet.trade(done.text("outTradeNo")).held());
    }

    @Test
    void aPayAnswerThatNeverComesIsQueriedAndTheTradePaidIsApproved() throws Exception {
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("96")));
        CashRegister.Answer done = finalState(started.text("paymentId"), 30);
        assertEquals("APPROVED", done.text("state"), done.body().toString());
        assertEquals("PAID", shop.register.order("q-1").text("state"));
        assertEquals(1500, wallet.trade(done.text("outTradeNo")).held());
    }

    @Test
    void aReverseTheGatewayAsksToRepeatIsRepeatedUntilItIsDone() throws Exception {
        wallet.behaviourFor(code("77"), Behaviour.of(Behaviour.Kind.USERPAYING_FOREVER).withRecalls(2));
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("77")));
        CashRegister.Answer done = finalState(started.text("paymentId"), 60);
        assertEquals("CANCELLED", done.text("state"), done.body().toString());
        Trade trade = wallet.trade(done.text("outTradeNo"));
        assertEquals(3, trade.reverses().size(), "two recalls, then done: " + trade);
        assertEquals(0, trade.held());
        assertEquals("UNPAID", shop.register.order("q-1").text("state"));
    }

    @Test
    void aRestartInTheMiddleIsResolved() throws Exception {
        wallet.behaviourFor(code("88"), Behaviour.userPayingThenPaidAfter(Duration.ofSeconds(4)));
        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("88")));
        String outTradeNo = started.text("outTradeNo");
        Shop.await(Duration.ofSeconds(10), "the gateway to see the pay", () -> wallet.trades().stream()
                .anyMatch(t -> t.outTradeNo().equals(outTradeNo)));
        shop.stopController();
        shop.open();
        CashRegister.Answer done = finalState(started.text("paymentId"), 30);
        assertEquals("APPROVED", done.text("state"));
        assertEquals("PAID", shop.register.order("q-1").text("state"));
        assertEquals(1500, wallet.trade(outTradeNo).held());
    }

    @Test
    void aScannedCodePays() throws Exception {
        Shop.await(Duration.ofSeconds(10), "the scanner to be connected", scanner::connected);
        assertTrue(scanner.scan(code("00")));
        CashRegister.Answer started = payQr("q-1", 1500, Optional.empty());
        assertEquals(202, started.status(), started.body().toString());
        assertEquals("APPROVED", finalState(started.text("paymentId"), 20).text("state"));
    }

    @Test
    void statusShowsTheWalletGatewayAsLastSeenAndTheScanner() throws Exception {
        Shop.await(Duration.ofSeconds(10), "the scanner to be connected", scanner::connected);
        com.fasterxml.jackson.databind.JsonNode devices = shop.status().path("devices");
        assertTrue(devices.path("wallet").path("configured").asBoolean(), devices.toString());
        assertEquals("UNKNOWN", devices.path("wallet").path("reachable").asText(), "no call yet: " + devices);
        assertEquals("tcp:127.0.0.1:" + scanner.port(), devices.path("scanner").path("port").asText());
        Shop.await(Duration.ofSeconds(10), "status to show the scanner connected", () ->
                shop.status().path("devices").path("scanner").path("connected").asBoolean());

        CashRegister.Answer started = payQr("q-1", 1500, Optional.of(code("00")));
        assertEquals("APPROVED", finalState(started.text("paymentId"), 20).text("state"));
        devices = shop.status().path("devices");
        assertEquals("REACHABLE", devices.path("wallet").path("reachable").asText(), devices.toString());
        assertFalse(devices.path("wallet").path("lastSeen").asText().isEmpty(), devices.toString());
        assertEquals(0, devices.path("wallet").path("reversesPending").asInt(), devices.toString());
    }

    @Test
    void qrIsRefusedAtOnceWhenTheLinkIsOffline() throws Exception {
        shop.close();
        shop = Shop.watchingTheLink(java.nio.file.Files.createDirectories(dir.resolve("offline")), walletToml());
        shop.acquirer.down();
        Shop.await(Duration.ofSeconds(60), "the link OFFLINE",
                () -> "OFFLINE".equals(shop.status().path("link").path("state").asText()));
        CashRegister.Answer refused = payQr("q-1", 1500, Optional.of(code("00")));
        assertEquals(503, refused.status(), refused.body().toString());
        assertEquals("QR_OFFLINE", refused.text("errorCode"));
        assertTrue(refused.body().path("message").path("zh-CN").asText().contains("银行卡或现金"));
        assertTrue(wallet.trades().isEmpty(), "nothing sent to the gateway");
        assertEquals("UNPAID", shop.register.order("q-1").text("state"));
    }

    @Test
    void aProductBarcodeIsRefusedBeforeAnyCall() throws Exception {
        CashRegister.Answer refused = payQr("q-1", 1500, Optional.of("6901234567892"));
        assertEquals(422, refused.status());
        assertEquals("QR_NOT_A_PAYMENT_CODE", refused.text("errorCode"), refused.body().toString());
        assertTrue(wallet.trades().isEmpty());
        assertEquals("UNPAID", shop.register.order("q-1").text("state"));
    }

    @Test
    void partialRefundsThenAFullOneAndAVoidAgreeWithTheGatewaysBooks() throws Exception {
        String saleId = finalState(payQr("q-r", 1500, Optional.of(code("00"))).text("paymentId"), 20).text("paymentId");
        CashRegister.Answer first = shop.register.refund(saleId, 500, Optional.of("qr-rf-1"));
        assertEquals(201, first.status(), first.body().toString());
        assertEquals("APPROVED", first.text("state"));
        String outTradeNo = shop.register.send("GET", "/payments/" + saleId, Optional.empty()).text("outTradeNo");
        assertEquals(500, wallet.trade(outTradeNo).refunded(), "the gateway refunded once");
        assertEquals(first.text("paymentId"), shop.register.refund(saleId, 500, Optional.of("qr-rf-1")).text("paymentId"));
        assertEquals(500, wallet.trade(outTradeNo).refunded(), "the same key: not refunded twice");

        CashRegister.Answer over = shop.register.refund(saleId, 1001, Optional.empty());
        assertEquals(422, over.status(), over.body().toString());
        assertEquals("REFUND_EXCEEDS_PAID", over.text("errorCode"));
        assertEquals("APPROVED", shop.register.refund(saleId, 1000, Optional.empty()).text("state"));
        assertEquals(0, wallet.trade(outTradeNo).held(), "the customer has every fen back");
        assertEquals("REFUNDED", shop.register.order("q-r").text("state"));

        String voidMe = finalState(payQr("q-v", 800, Optional.of(code("00"))).text("paymentId"), 20).text("paymentId");
        CashRegister.Answer voided = shop.register.voidPayment(voidMe);
        assertEquals(200, voided.status(), voided.body().toString());
        assertEquals("VOIDED", voided.text("state"));
        assertEquals("CANCELLED", shop.register.order("q-v").text("state"));
        Trade reversed = wallet.trade(voided.text("outTradeNo"));
        assertEquals(1, reversed.reverses().size());
        assertEquals(0, reversed.held(), "the gateway gave the money back");
    }
}
