package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.reader.CardScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An order lapses at its pay-by time in the real controller while the card is still awaited: the
 * reader simulator sees X, the order is EXPIRED and the register hears it on GET /events.
 */
class OrderExpiryEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void anOrderLapsesWithTheCardStillAwaitedAndTheReaderIsToldToStop() throws Exception {
        try (Shop shop = new Shop(dir, "en");
             EventListener events = new EventListener(shop.apiPort, Shop.CASHIER)) {
            Shop.await(Duration.ofSeconds(10), "the reader link and the event stream",
                    () -> shop.reader.connected() && events.open());
            shop.reader.enqueue(CardScript.onlineChip().presentedAfter(Duration.ofSeconds(120)));
            CashRegister.Answer order = shop.register.send("POST", "/orders", Optional.of(
                    "{\"orderId\":\"late-1\",\"amount\":1250,\"currency\":\"CNY\",\"payWithinSeconds\":2}"));
            assertEquals(201, order.status(), order.body().toString());
            CashRegister.Answer started = shop.register.payByCard("late-1");
            assertEquals(202, started.status(), started.body().toString());
            Shop.await(Duration.ofSeconds(10), "the reader to wait for a card", shop.reader::inTransaction);

            JsonNode payment = shop.register.awaitPayment(started.text("paymentId"), 30).body();

            assertEquals("CANCELLED", payment.path("state").asText(), payment.toString());
            assertEquals("ORDER_EXPIRED", payment.path("errorCode").asText());
            assertTrue(shop.reader.log().contains("X: E 04"), "X reached the reader: " + shop.reader.log().lines());
            assertEquals("EXPIRED", shop.register.order("late-1").body().path("state").asText());
            Shop.await(Duration.ofSeconds(10), "the order event of the expiry on GET /events",
                    () -> events.heard("order", "\"orderId\":\"late-1\"", "\"state\":\"EXPIRED\""));
            assertTrue(events.heard("order", "\"orderId\":\"late-1\"", "\"state\":\"PAYING\""), events.events().toString());
            assertEquals(0, shop.acquirer.ledger().entries().size(), "nothing reached the host");
        }
    }

    @Test
    void anApprovalThatArrivesAfterThePayByTimeIsReversedAndTheHostsBooksAgree() throws Exception {
        try (Shop shop = Shop.with(dir, "", 30_000)) {
            Shop.await(Duration.ofSeconds(10), "the reader link", shop.reader::connected);
            shop.acquirer.faultsOnly("0200");
            shop.acquirer.holdAnswers();   // the bank approves, its answer comes late
            CashRegister.Answer order = shop.register.send("POST", "/orders", Optional.of(
                    "{\"orderId\":\"late-2\",\"amount\":1250,\"currency\":\"CNY\",\"payWithinSeconds\":3}"));
            assertEquals(201, order.status(), order.body().toString());
            CashRegister.Answer started = shop.register.payByCard("late-2");
            assertEquals(202, started.status(), started.body().toString());
            Shop.await(Duration.ofSeconds(10), "the host to approve", () -> shop.acquirer.ledger().entries().stream()
                    .anyMatch(e -> e.state() == dev.posterm.simulator.acquirer.LedgerEntry.State.APPROVED));
            Shop.await(Duration.ofSeconds(10), "the order to lapse at its pay-by time", () ->
                    "EXPIRED".equals(shop.register.order("late-2").text("state")));
            shop.acquirer.releaseHeldAnswers();

            JsonNode payment = shop.register.awaitPayment(started.text("paymentId"), 30).body();
            assertEquals("REVERSED", payment.path("state").asText(), payment.toString());
            assertEquals("ORDER_EXPIRED", payment.path("errorCode").asText());
            assertEquals("EXPIRED", shop.register.order("late-2").text("state"));
            Shop.await(Duration.ofSeconds(20), "the reversal delivered", () ->
                    shop.status().path("pendingReversals").asInt(-1) == 0);
            Books.assertAgree(shop.dataDir.resolve("journal.db"), shop.acquirer.ledger());
        }
    }
}
