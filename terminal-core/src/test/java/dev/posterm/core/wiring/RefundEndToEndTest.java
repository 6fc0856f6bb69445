package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.reader.CardScript;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voids and refunds through the real {@code posterm run} process, the acquirer and printer
 * simulators: what the register is answered, what the bank's books hold, and that the batch closes
 * with the bank agreeing to field 63 afterwards.
 */
class RefundEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aVoidPartialRefundsAnOverRefundAnUnansweredRefundAndACashRefundThenTheBooksAgree() throws Exception {
        try (Shop shop = Shop.withoutController(dir); ControllerProcess posterm = start(shop, "run")) {
            CashRegister backOffice = new CashRegister(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1"),
                    Shop.BACKOFFICE);

            shop.reader.enqueue(CardScript.onlineChip());
            JsonNode voidMe = shop.sell("void-1", 1500);
            CashRegister.Answer voided = shop.register.voidPayment(voidMe.path("paymentId").asText());
            assertEquals(200, voided.status(), voided.body().toString());
            assertEquals("VOIDED", voided.text("state"));
            assertEquals("CANCELLED", shop.register.order("void-1").text("state"));
            assertEquals(LedgerEntry.State.VOIDED, saleAtTheBank(shop, voidMe).state(), "the bank voided the sale");

            shop.reader.enqueue(CardScript.onlineChip());
            JsonNode sale = shop.sell("refund-1", 1000);
            String saleId = sale.path("paymentId").asText();
            CashRegister.Answer first = shop.register.refund(saleId, 300, Optional.of("rf-1"));
            assertEquals(201, first.status(), first.body().toString());
            assertEquals("REFUND", first.text("type"));
            assertEquals(saleId, first.text("originalPaymentId"));
            assertEquals("APPROVED", first.text("state"));
            CashRegister.Answer again = shop.register.refund(saleId, 300, Optional.of("rf-1"));
            assertEquals(first.text("paymentId"), again.text("paymentId"), "the same key: the same refund");
            assertEquals(422, shop.register.refund(saleId, 400, Optional.of("rf-1")).status(), "the key with another body");
            assertEquals("APPROVED", shop.register.refund(saleId, 600, Optional.empty()).text("state"));

            int refundsAtTheBank = refundsAtTheBank(shop);
            CashRegister.Answer over = shop.register.refund(saleId, 101, Optional.empty());
            assertEquals(422, over.status(), over.body().toString());
            assertEquals("REFUND_EXCEEDS_PAID", over.text("errorCode"));
            assertEquals(refundsAtTheBank, refundsAtTheBank(shop), "refused before the bank");

            shop.acquirer.respondWith("13");
            CashRegister.Answer thirteen = shop.register.refund(saleId, 100, Optional.empty());
            assertEquals("DECLINED", thirteen.text("state"), thirteen.body().toString());
            assertEquals("13", thirteen.text("responseCode"));

            assertEquals("APPROVED", shop.register.refund(saleId, 100, Optional.empty()).text("state"));
            assertEquals("REFUNDED", shop.register.send("GET", "/payments/" + saleId, Optional.empty()).text("state"));
            assertEquals("REFUNDED", shop.register.order("refund-1").text("state"));

            shop.reader.enqueue(CardScript.onlineChip());
            JsonNode silent = shop.sell("refund-2", 800);
            shop.acquirer.dropNextAnswers(1);
            CashRegister.Answer lost = shop.register.refund(silent.path("paymentId").asText(), 800, Optional.empty());
            assertEquals("FAILED", lost.text("state"), lost.body().toString());
            assertEquals("RETURN_TIMEOUT", lost.text("errorCode"));
            Shop.await(Duration.ofSeconds(30), "the refund's reversal delivered", () ->
                    shop.status().path("pendingReversals").asInt(-1) == 0);
            assertEquals(LedgerEntry.State.REVERSED, shop.acquirer.ledger().entries("T0000001",
                    lost.text("stan")).getLast().state(), "the bank undid the refund it had made");

            assertEquals(201, shop.register.createOrder("cash-1", 900, "CNY", "cash").status());
            String cashId = shop.register.send("POST", "/orders/cash-1/payments",
                    Optional.of("{\"method\":\"CASH\"}")).text("paymentId");
            int kicks = shop.printer.drawerKicks().size();
            CashRegister.Answer cash = shop.register.refund(cashId, 400, Optional.empty());
            assertEquals(201, cash.status(), cash.body().toString());
            Shop.await(Duration.ofSeconds(10), "the drawer kick and the refund slip", () ->
                    shop.printer.drawerKicks().size() == kicks + 1
                            && shop.printer.slips().stream().anyMatch(s -> s.contains("REFUNDED IN CASH")));
            assertEquals(422, shop.register.voidPayment(cashId).status(), "a cash payment is refunded, not voided");

            CashRegister.Answer closed = backOffice.send("POST", "/batches/close", Optional.empty());
            assertEquals(200, closed.status(), closed.body().toString());
            // Card sales: void-1 left out; refund-1 (refunded in full) and refund-2 counted; refunds 300 + 600 + 100.
            String expected = "0002" + "000000001800" + "0003" + "000000001000";
            assertEquals(expected, closed.text("terminalTotals"));
            assertEquals(expected, closed.text("hostTotals"), "the bank's books equal the terminal's");
        }
    }

    @Test
    void aRefundCutOffByAKillIsReversedAfterTheRestartAndCanBeMadeAgain() throws Exception {
        try (Shop shop = Shop.withoutController(dir, 20_000)) {
            String saleId;
            try (ControllerProcess posterm = start(shop, "first")) {
                shop.reader.enqueue(CardScript.onlineChip());
                saleId = shop.sell("kill-1", 1000).path("paymentId").asText();
                shop.acquirer.faultsOnly("0200");
                shop.acquirer.holdAnswers();
                AtomicReference<Object> answer = new AtomicReference<>();
                Thread register = Thread.ofPlatform().start(() -> {
                    try {
                        answer.set(shop.register.refund(saleId, 1000, Optional.empty()));
                    } catch (IOException e) {
                        answer.set(e);   // the controller is killed under the call
                    }
                });
                Shop.await(Duration.ofSeconds(20), "the bank to have made the refund", () -> refundsAtTheBank(shop) == 1);
                posterm.kill();
                register.join(20_000);
                shop.acquirer.discardHeldAnswers();
                shop.acquirer.faultsOnly();
            }
            try (ControllerProcess posterm = start(shop, "second")) {
                Shop.await(Duration.ofSeconds(30), "the cut refund's reversal delivered", () ->
                        shop.status().path("pendingReversals").asInt(-1) == 0);
                JsonNode refund = refundOf(shop, "kill-1");
                assertEquals("FAILED", refund.path("state").asText(), refund.toString());
                assertEquals(LedgerEntry.State.REVERSED, shop.acquirer.ledger().entries("T0000001",
                        refund.path("stan").asText()).getLast().state(), "the bank undid it");
                assertEquals("APPROVED", shop.register.send("GET", "/payments/" + saleId, Optional.empty())
                        .text("state"), "the sale stands");

                CashRegister.Answer again = shop.register.refund(saleId, 1000, Optional.empty());
                assertEquals("APPROVED", again.text("state"), again.body().toString());
                assertEquals("REFUNDED", shop.register.order("kill-1").text("state"));
            }
        }
    }

    private static ControllerProcess start(Shop shop, String name) throws Exception {
        ControllerProcess p = ControllerProcess.start(shop.configFile, shop.dataDir.resolveSibling(name + ".out"));
        assertTrue(p.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"), Shop.CASHIER,
                Duration.ofSeconds(60)), "not ready, see " + p.output());
        return p;
    }

    private static LedgerEntry saleAtTheBank(Shop shop, JsonNode sale) {
        return shop.acquirer.ledger().entries().stream().filter(e -> e.processingCode().equals("000000")
                && e.rrn() != null && e.rrn().equals(sale.path("rrn").asText())).findFirst().orElseThrow();
    }

    private static int refundsAtTheBank(Shop shop) {
        return (int) shop.acquirer.ledger().entries().stream().filter(e -> e.processingCode().equals("200000")).count();
    }

    private static JsonNode refundOf(Shop shop, String orderId) throws IOException {
        List<JsonNode> payments = new java.util.ArrayList<>();
        shop.register.order(orderId).body().path("payments").forEach(payments::add);
        return payments.stream().filter(p -> p.path("type").asText().equals("REFUND")).findFirst().orElseThrow();
    }
}
