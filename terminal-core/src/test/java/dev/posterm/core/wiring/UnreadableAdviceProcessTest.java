package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.reader.CardScript;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One offline sale whose sealed card data rotted in the journal file while the terminal was off,
 * over the real {@code posterm run} process and the acquirer simulator: the sales before and after
 * it are still advised, and the bad one is shown to the back office rather than blocking the queue.
 */
class UnreadableAdviceProcessTest {
    private static final Duration FORWARDED = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anAdviceWhoseCardDataRottedOnDiskIsListedUnreadableAndTheOthersAreAdvised() throws Exception {
        try (Shop shop = Shop.withoutController(dir)) {
            CashRegister backOffice = new CashRegister(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1"),
                    Shop.BACKOFFICE);
            shop.acquirer.down();
            List<String> stans;
            try (ControllerProcess posterm = start(shop, "offline")) {
                shop.reader.enqueue(CardScript.onlineChip());
                JsonNode first = shop.sell("first", 1100);
                shop.reader.enqueue(CardScript.onlineChip().withPan(CardScript.MASTERCARD_PAN));
                JsonNode middle = shop.sell("middle", 2200);
                shop.reader.enqueue(CardScript.onlineChip().withPan(CardScript.UNIONPAY_PAN));
                JsonNode third = shop.sell("third", 3300);
                for (JsonNode sale : List.of(first, middle, third)) {
                    assertEquals("APPROVED_OFFLINE", sale.path("state").asText(), sale.toString());
                }
                stans = List.of(first.path("stan").asText(), middle.path("stan").asText(), third.path("stan").asText());
                assertNotEquals(-1, posterm.stop(Duration.ofSeconds(20)), "did not stop on SIGTERM; see " + posterm.output());
            }

            rotSealedCardData(shop.dataDir.resolve("journal.db"), Integer.parseInt(stans.get(1)));
            shop.acquirer.up();

            try (ControllerProcess posterm = start(shop, "back")) {
                Shop.await(FORWARDED, "the first and third advised, the middle set aside",
                        () -> safStates(backOffice).equals(List.of("SETTLED", "UNREADABLE", "SETTLED")));

                List<LedgerEntry> ledger = shop.acquirer.ledger().entries();
                assertEquals(List.of(stans.get(0), stans.get(2)), ledger.stream().map(LedgerEntry::stan).toList(),
                        "advised in sale order, the bad one skipped: " + ledger);
                assertEquals(List.of(1100L, 3300L), ledger.stream().map(LedgerEntry::amountMinor).toList());
                assertTrue(ledger.stream().allMatch(e -> e.state() == LedgerEntry.State.ADVISED), ledger.toString());

                JsonNode listed = saf(backOffice).get(1);
                assertEquals(stans.get(1), listed.path("stan").asText(), listed.toString());
                assertEquals(2200, listed.path("amount").asLong(), listed.toString());
                JsonNode status = shop.status();
                JsonNode alert = StreamSupport.stream(status.path("alerts").spliterator(), false)
                        .filter(a -> a.path("code").asText().equals("ADVICE_UNREADABLE")).findFirst()
                        .orElseThrow(() -> new AssertionError("no ADVICE_UNREADABLE in " + status));
                assertTrue(alert.path("detail").asText().contains("1 offline sale, 2200 in minor units"), alert.toString());
                assertFalse(alert.toString().contains(CardScript.MASTERCARD_PAN), alert.toString());
                assertNotEquals(-1, posterm.stop(Duration.ofSeconds(20)), "did not stop on SIGTERM; see " + posterm.output());
            }
        }
    }

    /** One bit of the advice's sealed card data flipped, as bit rot would, straight in the stopped controller's file. */
    private static void rotSealedCardData(Path journal, int stan) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal)) {
            byte[] sealed;
            try (PreparedStatement ps = c.prepareStatement("SELECT sealed_card FROM advices WHERE stan = ?")) {
                ps.setInt(1, stan);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "no advice with STAN " + stan);
                    sealed = rs.getBytes(1);
                }
            }
            sealed[sealed.length / 2] ^= 0x04;
            try (PreparedStatement ps = c.prepareStatement("UPDATE advices SET sealed_card = ? WHERE stan = ?")) {
                ps.setBytes(1, sealed);
                ps.setInt(2, stan);
                assertEquals(1, ps.executeUpdate());
            }
        }
    }

    private static ControllerProcess start(Shop shop, String round) throws Exception {
        ControllerProcess p = ControllerProcess.start(shop.configFile, shop.dataDir.resolveSibling(round + ".out"));
        assertTrue(p.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"), Shop.CASHIER,
                Duration.ofSeconds(60)), round + ": not ready, see " + p.output());
        return p;
    }

    private static List<JsonNode> saf(CashRegister backOffice) throws Exception {
        CashRegister.Answer a = backOffice.send("GET", "/saf", Optional.empty());
        assertEquals(200, a.status(), a.body().toString());
        return StreamSupport.stream(a.body().path("items").spliterator(), false).toList();
    }

    private static List<String> safStates(CashRegister backOffice) throws Exception {
        return saf(backOffice).stream().map(i -> i.path("state").asText()).toList();
    }
}
