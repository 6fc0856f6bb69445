package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.DrawerKick;
import dev.posterm.simulator.printer.Slip;
import dev.posterm.simulator.reader.CardScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cash and declines through the real controller: the drawer kick arrives on the printer's line and
 * the cash slip prints; a host decline 51 shows its own words on the slip and in the API.
 */
class CashAndDeclineEndToEndTest {
    private static final Duration SLIPS = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aCashSaleWithChangeOpensTheDrawerThroughThePrinterAndPrintsTheCashSlip() throws Exception {
        try (Shop shop = new Shop(dir, "zh-CN")) {
            assertEquals(201, shop.register.createOrder("cash-1", 1250, "CNY", "two coffees").status());

            CashRegister.Answer paid = shop.register.send("POST", "/orders/cash-1/payments",
                    Optional.of("{\"method\":\"CASH\",\"tendered\":2000}"));

            assertEquals(202, paid.status(), paid.body().toString());
            JsonNode payment = paid.body();
            assertEquals("APPROVED", payment.path("state").asText());
            assertEquals(2000, payment.path("tendered").asLong());
            assertEquals(750, payment.path("changeDue").asLong());
            assertEquals(750, shop.register.send("GET", "/payments/" + payment.path("paymentId").asText(),
                    Optional.empty()).body().path("changeDue").asLong(), "as read back from the journal");
            assertEquals("PAID", shop.register.order("cash-1").body().path("state").asText());

            Slip slip = shop.printer.awaitSlips(1, SLIPS).get(0);
            List<DrawerKick> kicks = shop.printer.drawerKicks();
            assertEquals(1, kicks.size(), "one pulse on the drawer connector: " + shop.printer.log().lines());
            assertEquals(2, kicks.get(0).pin());
            assertEquals(0, kicks.get(0).slipsBefore(), "the drawer opens before the slip prints");
            assertTrue(slip.contains("实收现金") && slip.contains("CNY 20.00"), slip.text());
            assertTrue(slip.contains("找零") && slip.contains("CNY 7.50"), slip.text());
            assertTrue(slip.contains("现金收讫"), slip.text());

            JsonNode status = shop.status();
            assertEquals(1, status.path("cash").path("saleCount").asInt(), status.toString());
            assertEquals(1250, status.path("cash").path("saleAmount").asLong());
            assertEquals(0, status.path("openBatch").path("saleCount").asInt(), "cash is not the acquirer's");
            assertEquals(0, shop.acquirer.ledger().entries().size());
        }
    }

    @Test
    void aHostDecline51ShowsItsOwnMessageOnTheSlipAndInTheApi() throws Exception {
        try (Shop shop = new Shop(dir, "en")) {
            Shop.await(Duration.ofSeconds(10), "the reader link", shop.reader::connected);
            shop.acquirer.declineAmount(5100, "51");
            shop.reader.enqueue(CardScript.onlineChip());

            JsonNode payment = shop.sell("decline-51", 5100);

            assertEquals("DECLINED", payment.path("state").asText(), payment.toString());
            assertEquals("51", payment.path("responseCode").asText());
            assertEquals("Insufficient funds on the card. Ask the customer for another payment method.",
                    payment.path("message").path("en").asText());
            assertEquals("卡内余额不足。请顾客改用其他支付方式。", payment.path("message").path("zh-CN").asText());
            Slip slip = shop.printer.awaitSlips(1, SLIPS).get(0);
            assertTrue(slip.text().replace("\n", " ").contains("Insufficient funds on the card."), slip.text());
            assertTrue(slip.contains("SUPPORT") && slip.contains(Shop.SUPPORT), "the support contact: " + slip.text());
        }
    }
}
