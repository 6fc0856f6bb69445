package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.testing.Await;
import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.Slip;
import dev.posterm.simulator.reader.CardScript;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline selling and store-and-forward over real byte streams, with the faults a counter sees: the
 * acquirer down and back, an advice's answer lost or garbled, answers slow enough to time out, the
 * modem losing its network or going silent. What is checked is what the merchant and the bank would
 * check: the payment's state, the slip, the status page, the SAF list, and the host's own ledger.
 */
class StoreAndForwardEndToEndTest {
    // Repeats come quickly here so a lost answer is repeated within the test's patience.
    private static final String QUICK_REPEATS = """
            [saf]
            repeat_first_ms = 300
            repeat_max_ms = 2000
            """;
    private static final Duration LINK_CHANGE = Duration.ofSeconds(25);
    // After the host returns, the host link's reconnect backoff (up to 30 s) comes first.
    private static final Duration LINK_BACK = Duration.ofSeconds(60);
    private static final Duration FORWARDED = Duration.ofSeconds(60);

    @TempDir
    java.nio.file.Path dir;
    Shop shop;
    CashRegister backOffice;

    @BeforeEach
    void open() throws Exception {
        shop = Shop.watchingTheLink(dir, QUICK_REPEATS);
        backOffice = new CashRegister(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1"), Shop.BACKOFFICE);
        Shop.await(Duration.ofSeconds(15), "the reader, the host link and the first echo", () ->
                shop.reader.connected() && shop.acquirer.ledger().count("0800") >= 1 && linkIs("ONLINE", "NONE"));
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void withTheAcquirerDownSalesWithinLimitsAreApprovedOfflineAndForwardedExactlyOnceWhenItReturns() throws Exception {
        shop.acquirer.down();
        awaitLink("OFFLINE", "HOST_DOWN");

        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode noodles = shop.sell("noodles", 3500);
        shop.reader.enqueue(CardScript.contactless());
        JsonNode dumplings = shop.sell("dumplings", 1800);
        shop.reader.enqueue(CardScript.onlineChip().withPan(CardScript.MASTERCARD_PAN));
        JsonNode television = shop.sell("television", 25_000);

        for (JsonNode sale : List.of(noodles, dumplings)) {
            assertEquals("APPROVED_OFFLINE", sale.path("state").asText(), sale.toString());
            assertTrue(sale.path("authCode").asText().startsWith("Y3"), "the terminal's own auth code: " + sale);
        }
        assertEquals("PAID", shop.register.order("noodles").body().path("state").asText());
        assertEquals("FAILED", television.path("state").asText(), television.toString());
        assertEquals("OFFLINE_FLOOR_EXCEEDED", television.path("errorCode").asText());
        assertTrue(television.path("message").path("en").asText().contains("another payment method"));
        assertEquals("UNPAID", shop.register.order("television").body().path("state").asText());

        List<Slip> slips = shop.printer.awaitSlips(4, Duration.ofSeconds(10));
        assertTrue(slips.stream().limit(4).allMatch(s -> s.contains("APPROVED OFFLINE")), slips.toString());
        JsonNode queue = shop.status().path("storeAndForward");
        assertEquals(2, queue.path("count").asInt(), queue.toString());
        assertEquals(5300, queue.path("amount").asLong());
        assertTrue(queue.path("secondsToExpiry").asLong() > 71 * 3600, "a countdown to max_age_hours: " + queue);
        assertEquals(List.of("PENDING", "PENDING"), safStates());
        assertEquals(0, shop.acquirer.ledger().entries().size(), "nothing reached the host while it was down");

        shop.acquirer.up();
        Shop.await(FORWARDED, "both advices accepted", () -> safStates().equals(List.of("SETTLED", "SETTLED")));

        List<LedgerEntry> ledger = shop.acquirer.ledger().entries();
        assertEquals(2, ledger.size(), "each offline sale reached the host once: " + ledger);
        assertEquals(List.of(noodles.path("stan").asText(), dumplings.path("stan").asText()),
                ledger.stream().map(LedgerEntry::stan).toList(), "in the order they were sold");
        assertTrue(ledger.stream().allMatch(e -> e.state() == LedgerEntry.State.ADVISED && "0220".equals(e.mti())));
        assertEquals(List.of(3500L, 1800L), ledger.stream().map(LedgerEntry::amountMinor).toList());
        assertEquals(0, shop.acquirer.ledger().count("0200"), "an offline sale is never sent again as a new 0200");
        assertEquals(0, shop.status().path("storeAndForward").path("count").asInt());
        Shop.await(LINK_BACK, "the link back", () -> linkIs("ONLINE", "NONE"));
    }

    @Test
    void aTechnicianForwardsTheQueueFromTheTerminalAndWatchesItDrain() throws Exception {
        shop.acquirer.down();
        awaitLink("OFFLINE", "HOST_DOWN");
        for (int i = 0; i < 3; i++) {
            shop.reader.enqueue(CardScript.onlineChip().withPan(i == 0 ? CardScript.VISA_PAN : i == 1
                    ? CardScript.MASTERCARD_PAN : CardScript.UNIONPAY_PAN));
            assertEquals("APPROVED_OFFLINE", shop.sell("queued-" + i, 1000 + i).path("state").asText());
        }
        String stuck = posterm("saf", "--config", shop.configFile.toString(), "--forward", "--patience", "2");
        assertTrue(stuck.contains("3 waiting for the bank") && stuck.contains("no progress for 2 s"), stuck);

        shop.acquirer.up();
        Shop.await(LINK_BACK, "the link back", () -> linkIs("ONLINE", "NONE"));
        String drained = posterm("saf", "--config", shop.configFile.toString(), "--forward");
        assertTrue(drained.contains("done: every offline sale has the bank's answer"), drained);
        assertEquals(3, shop.acquirer.ledger().count("0220"));
    }

    /** Runs the posterm command line as a technician would, and returns what it printed. */
    private static String posterm(String... args) {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            new picocli.CommandLine(new dev.posterm.core.cli.Posterm()).execute(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aCardDataKeyMissingAtStartWhileSalesWaitMarksThemLostInTheListAndAnAlert() throws Exception {
        shop.acquirer.down();
        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode sale = shop.sell("before-the-key-went", 2000, "FORCE_OFFLINE");
        assertEquals("APPROVED_OFFLINE", sale.path("state").asText(), sale.toString());
        assertEquals(List.of("PENDING"), safStates());

        shop.stopController();
        java.nio.file.Files.delete(shop.dataDir.resolve("keys").resolve("card-data.key"));
        shop.open();   // makes a new key: the waiting sale's card data cannot be opened any more

        assertEquals(List.of("LOST"), safStates(), "said, not silently kept as PENDING forever");
        assertEquals(2000, saf().get(0).path("amount").asLong());
        assertTrue(openAlerts().contains("ADVICE_LOST"), openAlerts().toString());
        JsonNode alert = StreamSupport.stream(shop.status().path("alerts").spliterator(), false)
                .filter(a -> a.path("code").asText().equals("ADVICE_LOST")).findFirst().orElseThrow();
        assertTrue(alert.path("detail").asText().contains("1 offline sale, 2000 in minor units"), alert.toString());
    }

    @Test
    void anAdviceWhoseAnswerIsLostIsRepeatedAs0221UnderTheSameStanAndSettledOnce() throws Exception {
        shop.acquirer.faultsOnly("0220", "0221");
        shop.acquirer.dropNextAnswers(2);

        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode sale = shop.sell("known-outage", 2000, "FORCE_OFFLINE");

        assertEquals("APPROVED_OFFLINE", sale.path("state").asText(), sale.toString());
        Shop.await(FORWARDED, "the advice accepted", () -> safStates().equals(List.of("SETTLED")));
        assertEquals(1, shop.acquirer.ledger().count("0220"), "one first advice");
        assertTrue(shop.acquirer.ledger().count("0221") >= 2, "the lost answers were asked for again as 0221");
        assertTrue(shop.acquirer.duplicates() >= 2, "and the host saw them as repeats of the same advice");
        List<LedgerEntry> ledger = shop.acquirer.ledger().entries();
        assertEquals(1, ledger.size(), ledger.toString());
        assertEquals(sale.path("stan").asText(), ledger.get(0).stan(), "a repeat keeps its STAN");
        assertTrue(saf().get(0).path("attempts").asInt() >= 3, saf().toString());
    }

    @Test
    void aGarbledAnswerToAnAdviceIsRepeatedAndTheSaleSettledOnce() throws Exception {
        shop.acquirer.faultsOnly("0220", "0221");
        shop.acquirer.garbleNextAnswer();

        shop.reader.enqueue(CardScript.onlineChip());
        shop.sell("garbled", 2600, "FORCE_OFFLINE");

        Shop.await(FORWARDED, "the advice accepted", () -> safStates().equals(List.of("SETTLED")));
        List<LedgerEntry> ledger = shop.acquirer.ledger().entries();
        assertEquals(1, ledger.size(), ledger.toString());
        assertEquals(LedgerEntry.State.ADVISED, ledger.get(0).state());
        assertEquals(2600, ledger.get(0).amountMinor());
        assertEquals(1, shop.acquirer.ledger().count("0220"), "sent once as an advice");
        assertTrue(shop.acquirer.ledger().count("0221") >= 1, "and asked again as a repeat, not as a new 0220");
    }

    @Test
    void anAdviceTheBankDeclinesIsKeptForTheMerchantToSeeWithAnAlert() throws Exception {
        shop.acquirer.faultsOnly("0220", "0221");
        shop.acquirer.respondWith("05");

        shop.reader.enqueue(CardScript.onlineChip());
        shop.sell("declined-later", 4100, "FORCE_OFFLINE");

        Shop.await(FORWARDED, "the advice answered", () -> safStates().equals(List.of("DECLINED")));
        // The alert is raised just after the DECLINED state commits (StoreAndForward.record); a
        // merchant reading the status page a moment later sees both, so wait for what they would see.
        Await.until(Await.PATIENCE, "the ADVICE_DECLINED alert on GET /status", this::openAlerts,
                alerts -> alerts.contains("ADVICE_DECLINED"));
        assertEquals(0, shop.status().path("storeAndForward").path("count").asInt(), "not sent again");
        assertEquals(1, shop.acquirer.ledger().count("0220") + shop.acquirer.ledger().count("0221")
                - shop.acquirer.duplicates(), "answered once");
    }

    @Test
    void slowAnswersShowTheLinkDegradedAndASaleThatTimesOutIsReversedThenApprovedOfflineAndChargedOnce()
            throws Exception {
        shop.acquirer.delayAnswers(Duration.ofMillis(900));   // over half the 1.5 s timeout, well within it
        awaitLink("DEGRADED", "SLOW");
        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("slow-but-in-time", 1500).path("state").asText(),
                "a slow host still sells online");

        shop.acquirer.delayAnswers(Duration.ofMillis(2500));   // past the timeout: the outcome is unknown
        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode late = shop.sell("too-late", 2200);

        assertEquals("APPROVED_OFFLINE", late.path("state").asText(), late.toString());
        shop.acquirer.delayAnswers(Duration.ZERO);
        Shop.await(FORWARDED, "the 0200 reversed and the advice accepted", () ->
                safStates().equals(List.of("SETTLED")) && shop.status().path("pendingReversals").asInt() == 0);
        List<LedgerEntry> tooLate = shop.acquirer.ledger().entries().stream()
                .filter(e -> e.amountMinor() == 2200).toList();
        assertEquals(2, tooLate.size(), tooLate.toString());
        assertEquals(LedgerEntry.State.REVERSED, tooLate.get(0).state(), "the timed-out 0200 was undone");
        assertEquals(LedgerEntry.State.ADVISED, tooLate.get(1).state(), "and the offline sale advised");
        assertEquals(tooLate.get(0).stan(), tooLate.get(1).stan(), "both with the sale's STAN (host-link.md)");
        assertEquals(late.path("stan").asText(), tooLate.get(1).stan());
        long charged = shop.acquirer.ledger().entries().stream().filter(e -> e.amountMinor() == 2200
                && (e.state() == LedgerEntry.State.APPROVED || e.state() == LedgerEntry.State.ADVISED)).count();
        assertEquals(1, charged, "the customer is charged once");
    }

    @Test
    void aModemThatLosesItsNetworkTakesTheTerminalOfflineAsOurNetworkAndSalesGoOn() throws Exception {
        // Our network goes: the modem deregisters, and the host can no longer be reached through it.
        shop.modem.registration(2);   // searching
        shop.modem.signal(99);
        shop.acquirer.down();
        awaitLink("OFFLINE", "NETWORK_DOWN");
        JsonNode link = shop.status().path("link");
        assertTrue(link.path("reason").asText().contains("our network"), link.toString());
        assertEquals("SEARCHING", link.path("modem").path("registration").asText(), link.toString());

        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode sale = shop.sell("no-network", 2800);
        assertEquals("APPROVED_OFFLINE", sale.path("state").asText(), sale.toString());
        assertEquals(0, shop.acquirer.ledger().count("0200"), "no customer waited on a request into a dead network");
        assertEquals(List.of("PENDING"), safStates(), "held until the network is back");

        shop.modem.registration(1);
        shop.modem.signal(20);
        shop.acquirer.up();
        Shop.await(FORWARDED, "the advice accepted once the network is back",
                () -> safStates().equals(List.of("SETTLED")));
        Shop.await(LINK_BACK, "the link back", () -> linkIs("ONLINE", "NONE"));
    }

    @Test
    void aModemThatStopsAnsweringIsReportedPowerCycledAndTakenBackWhenItAnswers() throws Exception {
        shop.modem.goSilent(true);
        Shop.await(Duration.ofSeconds(40), "the MODEM_NOT_ANSWERING alert",
                () -> openAlerts().contains("MODEM_NOT_ANSWERING"));
        assertEquals("NO_ANSWER", shop.status().path("link").path("modem").path("registration").asText());
        assertEquals("ONLINE", shop.status().path("link").path("state").asText(),
                "a silent modem alone is not an outage while the host answers");

        shop.modem.goSilent(false);
        Shop.await(Duration.ofSeconds(20), "the alert cleared", () -> !openAlerts().contains("MODEM_NOT_ANSWERING"));
        assertEquals("HOME", shop.status().path("link").path("modem").path("registration").asText());
    }

    private boolean linkIs(String state, String cause) throws IOException {
        JsonNode link = shop.status().path("link");
        return state.equals(link.path("state").asText()) && cause.equals(link.path("cause").asText());
    }

    private void awaitLink(String state, String cause) throws Exception {
        Shop.await(LINK_CHANGE, "the link " + state + " (" + cause + ")", () -> linkIs(state, cause));
    }

    private List<JsonNode> saf() throws IOException {
        CashRegister.Answer a = backOffice.send("GET", "/saf", Optional.empty());
        assertEquals(200, a.status(), a.body().toString());
        return StreamSupport.stream(a.body().path("items").spliterator(), false).toList();
    }

    private List<String> safStates() throws IOException {
        return saf().stream().map(i -> i.path("state").asText()).toList();
    }

    private List<String> openAlerts() throws IOException {
        return StreamSupport.stream(shop.status().path("alerts").spliterator(), false)
                .map(a -> a.path("code").asText()).toList();
    }
}
