package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.Slip;
import dev.posterm.simulator.reader.CardScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One card sale end to end over real byte streams: the cash register's HTTP request, the CRL/1
 * reader line, the ISO 8583 host link and the ESC/POS printer line, all through the real
 * controller components built from a config file, against the simulators.
 */
class CardSaleEndToEndTest {
    private static final Duration SLIPS = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    Shop shop;

    @BeforeEach
    void open() throws Exception {
        shop = new Shop(dir, "en");
        Shop.await(Duration.ofSeconds(10), "the reader and host links and the first echo test", () ->
                shop.reader.connected() && shop.acquirer.ledger().count("0800") >= 1
                        && "ONLINE".equals(shop.status().path("link").path("state").asText()));
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void anApprovedSaleIsChargedOnceAndPrintsTwoSlipsWithTheLastFourDigitsOnly() throws Exception {
        shop.reader.enqueue(CardScript.onlineChip());

        JsonNode payment = shop.sell("sale-1", 1250);

        assertEquals("APPROVED", payment.path("state").asText(), payment.toString());
        List<LedgerEntry> ledger = shop.acquirer.ledger().entries();
        assertEquals(1, ledger.size());
        LedgerEntry charged = ledger.get(0);
        assertEquals(LedgerEntry.State.APPROVED, charged.state());
        assertEquals(1250, charged.amountMinor());
        assertEquals(charged.authCode(), payment.path("authCode").asText());
        assertEquals(charged.rrn(), payment.path("rrn").asText());
        assertEquals(charged.stan(), payment.path("stan").asText());
        assertTrue(payment.path("maskedPan").asText().endsWith("0119"));
        assertEquals("PAID", shop.register.order("sale-1").body().path("state").asText());

        List<Slip> slips = shop.printer.awaitSlips(2, SLIPS);
        assertEquals(2, slips.size(), "merchant and customer copies, each ending with a cut");
        assertTrue(slips.get(0).contains("MERCHANT COPY"), slips.get(0).text());
        assertTrue(slips.get(1).contains("CUSTOMER COPY"), slips.get(1).text());
        for (Slip slip : slips) {
            assertTrue(slip.contains("CNY 12.50"), slip.text());
            assertTrue(slip.contains("**** **** **** 0119"), slip.text());
            assertFalse(slip.text().contains("476173"), "only the last four digits on a slip");
            assertTrue(slip.contains("APPROVED"), slip.text());
            assertTrue(slip.contains(charged.authCode()), slip.text());
        }

        CashRegister.Answer copy = shop.register.send("POST", "/payments/" + payment.path("paymentId").asText()
                + "/receipt", java.util.Optional.empty());
        assertEquals(202, copy.status(), copy.body().toString());
        Slip reprint = shop.printer.awaitSlips(3, SLIPS).get(2);
        assertTrue(reprint.contains("COPY - REPRINT") && reprint.contains("**** **** **** 0119"), reprint.text());
        assertEquals(1, shop.acquirer.ledger().entries().size(), "a copy charges nothing");
    }

    @Test
    void aHostDeclineIsToldToTheCardAndPrintsOneSlipThatSaysSo() throws Exception {
        shop.acquirer.declineAmount(5100, "51");
        shop.reader.enqueue(CardScript.onlineChip());

        JsonNode payment = shop.sell("sale-2", 5100);

        assertEquals("DECLINED", payment.path("state").asText(), payment.toString());
        assertEquals("51", payment.path("responseCode").asText());
        assertEquals("HOST_DECLINED", payment.path("errorCode").asText());
        assertTrue(payment.path("message").path("zh-CN").asText().contains("余额不足"), "51's own words");
        assertEquals("UNPAID", shop.register.order("sale-2").body().path("state").asText(), "may be paid another way");
        List<Slip> slips = shop.printer.awaitSlips(1, SLIPS);
        assertEquals(1, slips.size());
        assertTrue(slips.get(0).contains("DECLINED"), slips.get(0).text());
        assertTrue(slips.get(0).contains("51"), slips.get(0).text());
    }

    @Test
    void aCardThatDeclinesAtFirstGenerateAcNeverReachesTheHost() throws Exception {
        shop.reader.enqueue(CardScript.cardDeclines());

        JsonNode payment = shop.sell("sale-3", 2000);

        assertEquals("DECLINED", payment.path("state").asText(), payment.toString());
        assertEquals("CARD_DECLINED", payment.path("errorCode").asText());
        assertEquals(0, shop.acquirer.ledger().count("0200"));
        assertTrue(shop.printer.awaitSlips(1, SLIPS).get(0).contains("DECLINED"));
    }

    @Test
    void aHostThatDoesNotAnswerInTimeGetsTheSaleReversed() throws Exception {
        shop.acquirer.dropNextAnswers(1);   // the host approves, the answer is lost on the way
        shop.reader.enqueue(CardScript.onlineChip());

        JsonNode payment = shop.sell("sale-4", 3000, "REQUIRE_ONLINE");

        assertEquals("FAILED", payment.path("state").asText(), payment.toString());
        assertEquals("ONLINE_REQUIRED", payment.path("errorCode").asText());
        Shop.await(Duration.ofSeconds(10), "the reversal to reach the host", () -> shop.acquirer.ledger().entries()
                .stream().anyMatch(e -> e.state() == LedgerEntry.State.REVERSED));
        assertEquals(1, shop.acquirer.ledger().count("0400"));
        assertEquals(0, shop.status().path("pendingReversals").asInt());
        assertEquals(1, shop.printer.awaitSlips(1, SLIPS).size());
    }

    @Test
    void aGarbledHostAnswerIsAnUnknownOutcomeAndIsReversed() throws Exception {
        shop.acquirer.garbleNextAnswer();
        shop.reader.enqueue(CardScript.onlineChip());

        JsonNode payment = shop.sell("sale-5", 4400, "REQUIRE_ONLINE");

        assertEquals("FAILED", payment.path("state").asText(), payment.toString());
        Shop.await(Duration.ofSeconds(10), "the reversal", () -> shop.acquirer.ledger().entries().stream()
                .allMatch(e -> e.state() == LedgerEntry.State.REVERSED));
        assertEquals(1, shop.acquirer.ledger().count("0400"));

        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("sale-5b", 4400).path("state").asText(), "the link survived");
    }

    @Test
    void aNakOnTheReaderLineIsAnsweredByRetransmissionAndTheSaleGoesThrough() throws Exception {
        shop.reader.nakNextFrames(1);
        shop.reader.enqueue(CardScript.onlineChip());

        JsonNode payment = shop.sell("sale-6", 1500);

        assertEquals("APPROVED", payment.path("state").asText(), payment.toString());
        assertEquals(1, shop.reader.naksSent());
        assertEquals(1, shop.reader.transactionsStarted(), "the resent S frame started one transaction");
    }

    @Test
    void garbageOnTheReaderLineIsSkipped() throws Exception {
        shop.reader.sendGarbage(new byte[] {0x00, 0x55, (byte) 0xFF, 0x03, 0x41});
        shop.reader.enqueue(CardScript.contactless());

        JsonNode payment = shop.sell("sale-7", 800);

        assertEquals("APPROVED", payment.path("state").asText(), payment.toString());
        assertEquals("CONTACTLESS", payment.path("entryMode").asText());
    }

    @Test
    void anUnpluggedReaderIsReportedAndTakenBackWhenItReturns() throws Exception {
        int port = shop.reader.port();
        shop.reader.close();
        Shop.await(Duration.ofSeconds(10), "status to show the reader unavailable", () ->
                "UNAVAILABLE".equals(shop.status().path("devices").path("reader").path("state").asText()));

        JsonNode failed = shop.sell("sale-u1", 700);
        assertEquals("FAILED", failed.path("state").asText(), failed.toString());
        assertEquals("READER_UNAVAILABLE", failed.path("errorCode").asText());
        assertTrue(shop.status().path("alerts").toString().contains("READER_UNAVAILABLE"));

        shop.reader = new dev.posterm.simulator.reader.ReaderSimulator(port).start();
        Shop.await(Duration.ofSeconds(15), "the reader to be taken back", () ->
                "OK".equals(shop.status().path("devices").path("reader").path("state").asText()));
        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode paid = shop.sell("sale-u2", 700);
        assertEquals("APPROVED", paid.path("state").asText(), paid.toString());
        assertFalse(shop.status().path("alerts").toString().contains("READER_UNAVAILABLE"), "the alert cleared");
    }

    @Test
    void slipsWaitForPaperAndPrintWhenThePrinterIsRefilled() throws Exception {
        shop.printer.paperOut(true);
        shop.reader.enqueue(CardScript.onlineChip());

        JsonNode payment = shop.sell("sale-8", 990);

        assertEquals("APPROVED", payment.path("state").asText(), "a sale is not lost to an empty roll");
        Shop.await(Duration.ofSeconds(10), "status to show paper out", () -> {
            JsonNode s = shop.status();
            return "OUT".equals(s.path("devices").path("paper").asText()) && s.path("alerts").toString()
                    .contains("PRINTER_NOT_READY");
        });
        assertTrue(shop.printer.slips().isEmpty());
        assertEquals(0, shop.printer.lostBytes(), "nothing was sent to a printer without paper");

        shop.printer.paperOut(false);

        assertEquals(2, shop.printer.awaitSlips(2, SLIPS).size());
        Shop.await(Duration.ofSeconds(10), "the alert to clear", () -> !shop.status().path("alerts").toString()
                .contains("PRINTER_NOT_READY"));
    }

    @Test
    void noFileInTheDataDirectoryHoldsTheCardNumber() throws Exception {
        shop.reader.enqueue(CardScript.onlineChip());
        shop.sell("sale-9", 1250);
        shop.printer.awaitSlips(2, SLIPS);
        shop.stopController();

        try (Stream<Path> files = Files.walk(shop.dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("native")).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(CardScript.VISA_PAN), f + " holds the PAN in clear");
            }
        }
    }

    /**
     * The roll ends a few lines into the merchant copy: its rest and its cut never reach paper. The
     * status after the cut says paper out, so the slip stays owed, and once a roll is loaded it
     * prints again, whole, marked as a reprint of an interrupted slip; the customer copy follows.
     */
    @Test
    void aSlipWhoseRollRanOutHalfWayPrintsAgainWholeAndMarkedOnceThereIsPaper() throws Exception {
        shop.printer.paperRunsOutAfterLines(4);
        shop.reader.enqueue(CardScript.onlineChip());

        assertEquals("APPROVED", shop.sell("sale-roll", 1250).path("state").asText());
        Shop.await(Duration.ofSeconds(10), "status to show the paper out", () ->
                "OUT".equals(shop.status().path("devices").path("paper").asText()));
        assertTrue(shop.printer.slips().isEmpty(), "nothing was cut");
        assertTrue(shop.status().path("alerts").toString().contains("PRINTER_NOT_READY"), shop.status().toString());

        shop.printer.paperOut(false);   // a new roll

        List<Slip> slips = shop.printer.awaitSlips(2, Duration.ofSeconds(15));
        assertEquals(2, slips.size(), "the merchant copy again, and the customer copy: " + slips);
        assertTrue(slips.get(0).contains("MERCHANT COPY") && slips.get(0).contains("CNY 12.50"), slips.get(0).text());
        assertTrue(slips.get(0).contains("REPRINT - FIRST PRINT INTERRUPTED"), slips.get(0).text());
        assertTrue(slips.get(1).contains("CUSTOMER COPY"), slips.get(1).text());
        assertFalse(slips.get(1).contains("INTERRUPTED"), slips.get(1).text());
        Shop.await(Duration.ofSeconds(10), "the alert to clear", () ->
                !shop.status().path("alerts").toString().contains("PRINTER_NOT_READY"));
    }
}
