package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.wallet.Behaviour;
import dev.posterm.simulator.wallet.Trade;
import dev.posterm.simulator.wallet.WalletGatewaySimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "An order is paid at most once across all methods", over the real controller, the acquirer and
 * wallet gateway simulators: a QR payment given up and being reversed gives its order back, the
 * customer pays by card, and the customer's late confirmation on the phone makes the QR trade a
 * second success that the reverse undoes, while the card's approval is still on its way.
 */
class PaidOnceRaceEndToEndTest {
    static final String MERCHANT = "1900000109";
    static final String KEY = "posterm-lab-wallet-key-0001";
    static final String CODE = "134567890123456781";

    @TempDir
    Path dir;
    WalletGatewaySimulator wallet;
    Shop shop;

    @BeforeEach
    void setUp() throws Exception {
        wallet = new WalletGatewaySimulator(0, MERCHANT, KEY, Clock.systemUTC()).start();
        shop = Shop.with(dir, """
                [wallet]
                url = "%s"
                merchant_id = "%s"
                key = "%s"
                timeout_ms = 3000
                query_interval_ms = 1000
                give_up_seconds = 15
                """.formatted(wallet.url(), MERCHANT, KEY), 30_000);
    }

    @AfterEach
    void tearDown() {
        shop.close();
        wallet.close();
    }

    @Test
    void aLateQrSuccessAndACardApprovalEndWithTheOrderPaidOnce() throws Exception {
        // The customer confirms on the phone 18 s after pay: after the terminal gave up (15 s), before its
        // reverse goes through (the gateway asks for it to be called again twice: about 6 s more).
        wallet.behaviourFor(CODE, Behaviour.userPayingThenPaidAfter(Duration.ofSeconds(18)).withRecalls(2));
        assertEquals(201, shop.register.createOrder("race-1", 1500, "CNY", "race").status());
        CashRegister.Answer qr = shop.register.send("POST", "/orders/race-1/payments",
                Optional.of("{\"method\":\"QR\",\"qrCode\":\"" + CODE + "\"}"));
        assertEquals(202, qr.status(), qr.body().toString());
        String qrId = qr.text("paymentId");

        Shop.await(Duration.ofSeconds(40), "the QR payment to give its order back while being reversed", () ->
                "UNPAID".equals(shop.register.order("race-1").text("state")));
        shop.acquirer.faultsOnly("0200");
        shop.acquirer.holdAnswers();   // the card's approval is on its way while the QR reverse ends
        CashRegister.Answer card = shop.register.payByCard("race-1");
        assertEquals(202, card.status(), card.body().toString());
        Shop.await(Duration.ofSeconds(20), "the host to approve the card", () -> shop.acquirer.ledger().entries()
                .stream().anyMatch(e -> e.state() == LedgerEntry.State.APPROVED));
        CashRegister.Answer qrDone = shop.register.awaitPayment(qrId, 30);
        assertEquals("CANCELLED", qrDone.text("state"), qrDone.body().toString());
        shop.acquirer.releaseHeldAnswers();

        CashRegister.Answer cardDone = shop.register.awaitPayment(card.text("paymentId"), 30);
        assertEquals("APPROVED", cardDone.text("state"), cardDone.body().toString());
        assertEquals("PAID", shop.register.order("race-1").text("state"));
        Trade trade = wallet.trade(qrDone.text("outTradeNo"));
        assertEquals("REVOKED", trade.state(), "the QR trade succeeded late and was reversed: " + trade);
        assertEquals(0, trade.held(), "the customer got the QR money back");
        assertEquals(1500, trade.returned());
        Shop.await(Duration.ofSeconds(10), "the reversals to drain", () -> shop.status().path("pendingReversals").asInt() == 0);
        Books.assertAgree(shop.dataDir.resolve("journal.db"), shop.acquirer.ledger());

        JsonNode status = shop.status();
        JsonNode alert = StreamSupport.stream(status.path("alerts").spliterator(), false)
                .filter(a -> a.path("code").asText().equals("SECOND_SUCCESS_UNDONE")).findFirst()
                .orElseThrow(() -> new AssertionError("no SECOND_SUCCESS_UNDONE alert: " + status));
        String detail = alert.path("detail").asText();
        assertTrue(detail.contains("race-1") && detail.contains("QR") && detail.contains("15.00"), detail);
        assertFalse(alert.path("message").path("zh-CN").asText().isEmpty());
    }
}
