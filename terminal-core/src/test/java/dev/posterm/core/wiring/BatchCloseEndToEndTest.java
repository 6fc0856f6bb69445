package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.journal.BatchRow;
import dev.posterm.core.journal.BatchTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.simulator.acquirer.Settlement;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.reader.CardScript;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch close over real byte streams: the controller built from its config, the acquirer
 * simulator keeping its own books, the back office calling the API. What is checked is what the
 * merchant's back office and the bank would check: the API's answer, the host's reconciliation,
 * the settlement files as {@code posterm settlements verify} sees them, and the journal.
 */
class BatchCloseEndToEndTest {
    @TempDir
    Path dir;
    Shop shop;
    CashRegister backOffice;

    @BeforeEach
    void open() throws Exception {
        shop = new Shop(dir, "en");
        backOffice = new CashRegister(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1"), Shop.BACKOFFICE);
        Shop.await(Duration.ofSeconds(15), "the reader and the host link", () -> shop.reader.connected());
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void aDayOfOnlineAndOfflineSalesClosesWithTheBanksTotalsAndAFileThatVerifiesAndTheNextCloseContinuesTheChain()
            throws Exception {
        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("noodles", 3500).path("state").asText());
        shop.reader.enqueue(CardScript.contactless());
        assertEquals("APPROVED", shop.sell("tea", 800).path("state").asText());
        shop.reader.enqueue(CardScript.onlineChip().withPan(CardScript.MASTERCARD_PAN));
        JsonNode offline = shop.sell("dumplings", 1800, "FORCE_OFFLINE");
        assertEquals("APPROVED_OFFLINE", offline.path("state").asText(), offline.toString());

        // Until the bank accepts the offline sale it counts as carried over, not as a sale of the batch.
        Shop.await(Duration.ofSeconds(60), "the offline sale forwarded", () ->
                shop.status().path("storeAndForward").path("count").asInt() == 0);
        JsonNode open = backOffice.send("GET", "/batches/current", Optional.empty()).body();
        assertEquals("000001", open.path("batchNumber").asText(), open.toString());
        assertEquals(3, open.path("totals").path("byMethod").path("CARD").path("count").asInt(), open.toString());
        assertEquals(1, open.path("totals").path("offlineAdvised").path("count").asInt(), open.toString());
        assertEquals(3, shop.status().path("openBatch").path("saleCount").asInt(), shop.status().toString());

        CashRegister.Answer closed = closeBatch(false);
        assertEquals(200, closed.status(), closed.body().toString());
        assertEquals("00", closed.text("responseCode"));
        String expected = "0003" + "000000006100" + "0000" + "000000000000";
        assertEquals(expected, closed.text("terminalTotals"));
        assertEquals(expected, closed.text("hostTotals"), "the bank's books equal the terminal's");
        Settlement atTheBank = shop.acquirer.ledger().settlements().getLast();
        assertEquals("00", atTheBank.responseCode());
        assertEquals("000001", atTheBank.batchNumber());
        assertEquals(1, shop.acquirer.ledger().count("0220"), "the offline sale was advised before the close");

        Path first = settlements().resolve("settlement-T0000001-000001.csv");
        assertTrue(verify(first).contains("OK (3 rows"), verify(first));
        assertTrue(Files.readString(first).contains(",ADVISED,"), "the offline sale, accepted by the bank");
        assertEquals("000002", backOffice.send("GET", "/batches/current", Optional.empty()).body()
                .path("batchNumber").asText());
        assertEquals(0, shop.status().path("openBatch").path("saleCount").asInt(), "the new batch starts empty");

        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("rice", 1200).path("state").asText());
        java.io.StringWriter printed = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new dev.posterm.core.cli.Posterm());
        cli.setOut(new java.io.PrintWriter(printed, true));
        assertEquals(0, cli.execute("batch", "close", "--config", shop.configFile.toString()), printed.toString());
        assertTrue(printed.toString().contains("batch 000002 closed: bank 00; terminal totals 0001000000001200"
                + "0000000000000000, bank totals 00010000000012000000000000000000"), printed.toString());
        Path next = settlements().resolve("settlement-T0000001-000002.csv");
        String both = verify(first, next);
        assertTrue(both.contains("settlement-T0000001-000002.csv: OK (1 rows") && !both.contains("problem"), both);
    }

    @Test
    void whenTheBanksTotalsDifferTheBatchStaysOpenBothTotalsAreReportedAndTheRetryCloses() throws Exception {
        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("noodles", 3500).path("state").asText());
        shop.acquirer.respondWith("95");

        CashRegister.Answer differs = closeBatch(false);
        assertEquals(409, differs.status(), differs.body().toString());
        assertEquals("BATCH_TOTALS_DIFFER", differs.text("errorCode"));
        assertTrue(differs.text("detail").contains("terminal totals 0001000000003500"), differs.body().toString());
        assertTrue(differs.text("detail").contains("bank totals"), differs.body().toString());
        assertEquals("000001", backOffice.send("GET", "/batches/current", Optional.empty()).body()
                .path("batchNumber").asText(), "the batch stays open");
        assertTrue(shop.status().path("alerts").toString().contains("BATCH_TOTALS_DIFFER"), shop.status().toString());
        assertFalse(Files.exists(settlements().resolve("settlement-T0000001-000001.json")), "no file for an open batch");

        // The simulator's scripted 95 leaves its books as they were: the difference is "resolved".
        CashRegister.Answer retried = closeBatch(false);
        assertEquals(200, retried.status(), retried.body().toString());
        assertEquals("00", retried.text("responseCode"));
        assertFalse(shop.status().path("alerts").toString().contains("BATCH_TOTALS_DIFFER"));
        assertTrue(verify(settlements().resolve("settlement-T0000001-000001.csv")).contains("OK"));
    }

    @Test
    void anUnansweredCloseStaysOpenAndItsRepeatKeepsTheStanAndField7() throws Exception {
        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("noodles", 3500).path("state").asText());
        shop.acquirer.ignoreNextRequests(1);

        CashRegister.Answer silent = closeBatch(false);
        assertEquals(409, silent.status(), silent.body().toString());
        assertEquals("BATCH_NOT_CLOSED", silent.text("errorCode"));
        BatchRow firstTry = journal(BatchTable::open);
        assertTrue(firstTry.closeStan().isPresent(), "the 0500 was journaled before it left");

        CashRegister.Answer again = closeBatch(false);
        assertEquals(200, again.status(), again.body().toString());
        BatchRow closed = journal(c -> BatchTable.lastClosed(c).orElseThrow());
        assertEquals(firstTry.closeStan(), closed.closeStan(), "the repeat keeps the STAN");
        assertEquals(firstTry.closeF7(), closed.closeF7(), "the repeat keeps field 7");
        assertEquals(1, shop.acquirer.ledger().settlements().size(), "the bank acted once");
    }

    @Test
    void aForcedCloseWithTheBankDownCarriesTheOfflineSaleOverAndTheNextFileHoldsItOnce() throws Exception {
        shop.acquirer.down();
        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode offline = shop.sell("dumplings", 1800, "FORCE_OFFLINE");
        assertEquals("APPROVED_OFFLINE", offline.path("state").asText());

        CashRegister.Answer refused = closeBatch(false);
        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals("BATCH_NOT_CLOSED", refused.text("errorCode"));
        assertTrue(refused.text("detail").contains("offline sale(s) still wait"), refused.body().toString());

        CashRegister.Answer forced = closeBatch(true);
        assertEquals(200, forced.status(), forced.body().toString());
        assertTrue(forced.body().path("responseCode").isNull(), "closed without the bank's word");
        assertEquals(1, forced.body().path("carriedOver").asInt());
        Path first = settlements().resolve("settlement-T0000001-000001.csv");
        assertTrue(Files.readString(first).contains(",CARRIED_OVER,"), Files.readString(first));
        assertTrue(verify(first).contains("OK"), verify(first));

        shop.acquirer.up();
        Shop.await(Duration.ofSeconds(60), "the advice accepted", () -> shop.acquirer.ledger().count("0220") >= 1
                && shop.status().path("storeAndForward").path("count").asInt() == 0);
        CashRegister.Answer next = closeBatch(false);
        assertEquals(200, next.status(), next.body().toString());
        assertEquals("0001000000001800" + "0000000000000000", next.text("hostTotals"));
        Path second = settlements().resolve("settlement-T0000001-000002.csv");
        List<String> lines = Files.readAllLines(second);
        assertEquals(1, lines.stream().filter(l -> l.contains(offline.path("paymentId").asText())).count(),
                "the carried-over sale is in the next file once");
        assertTrue(lines.get(1).contains(",ADVISED,"), lines.toString());
        String both = verify(first, second);
        assertFalse(both.contains("problem"), both);
    }

    private CashRegister.Answer closeBatch(boolean force) throws IOException {
        return backOffice.send("POST", "/batches/close", force ? Optional.of("{\"force\": true}") : Optional.empty());
    }

    private Path settlements() {
        return shop.dataDir.resolve("settlements");
    }

    private <T> T journal(Journal.Work<T> work) {
        try (Journal j = Journal.openReadOnly(shop.dataDir)) {
            return j.read(work);
        }
    }

    /** {@code posterm settlements verify}, as the back office runs it; what it printed. */
    private static String verify(Path... files) {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new dev.posterm.core.cli.Posterm());
        cli.setOut(new java.io.PrintWriter(out, true));
        String[] args = new String[files.length + 2];
        args[0] = "settlements";
        args[1] = "verify";
        for (int i = 0; i < files.length; i++) {
            args[i + 2] = files[i].toString();
        }
        cli.execute(args);
        return out.toString();
    }
}
