package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.reader.CardScript;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (as systemd stops the service) at each step of a card sale, over the real
 * {@code posterm run} process and the simulators, with the spec's default host timeout (30 s):
 * <ol>
 *   <li>(a) the reader waiting for a card: cancelled on the reader, nothing at the host;</li>
 *   <li>(b) the 0200 out, the host approving but holding its answer, which comes after SIGTERM:
 *       the step finishes within the timeout and the approval stands;</li>
 *   <li>(c) the host's answer in, the reader holding its final F until after SIGTERM: approved;</li>
 *   <li>(d) the reader told and answered: approved, nothing to do;</li>
 *   <li>(e) the 0200 out and the host never answering: the reversal is journaled before the
 *       process exits and delivered after the restart.</li>
 * </ol>
 * After the restart and the queue drained, the host's ledger and the journal agree: no approval
 * stands at the host for a payment the register was told had not gone through. Only (e) sits out
 * the host timeout.
 */
class SigtermTest {
    private static final String TERMINAL = "T0000001";

    @TempDir
    Path dir;

    @Test
    void sigtermAtEveryStepOfASaleLeavesNoApprovalStandingForAPaymentTheRegisterWasToldFailed() throws Exception {
        Map<String, String> sales = new HashMap<>();
        try (Shop shop = Shop.withoutController(dir, 30_000)) {
            shop.acquirer.faultsOnly("0200");

            try (ControllerProcess posterm = start(shop, "a")) {
                shop.reader.enqueue(CardScript.onlineChip().presentedAfter(Duration.ofSeconds(50)));
                sales.put("a", pay(shop, "stop-a", 1101));
                Shop.await(Duration.ofSeconds(10), "the reader to wait for a card", shop.reader::inTransaction);
                posterm.terminate();
                assertExits(posterm, Duration.ofSeconds(20));
                assertFalse(shop.reader.inTransaction(), "the sale was cancelled on the reader");
                assertLogged(posterm, "card lane stopped", sales.get("a") + " cancelled on the reader");
            }

            try (ControllerProcess posterm = start(shop, "b")) {
                shop.acquirer.holdAnswers();
                sales.put("b", pay(shop, "stop-b", 1102));
                Shop.await(Duration.ofSeconds(10), "the host to hold its approval", () -> shop.acquirer.heldAnswers() == 1);
                posterm.terminate();
                // Released only once the engine waits for the step: after "posterm stopping" alone the
                // answer could end the sale before the engine looked, and there would be nothing to wait for.
                awaitLogged(posterm, "for payment " + sales.get("b") + " to end its step");
                shop.acquirer.releaseHeldAnswers();   // within the host timeout
                assertExits(posterm, Duration.ofSeconds(40));
                assertLogged(posterm, "card lane stopped", sales.get("b") + " finished its step, APPROVED");
            }

            try (ControllerProcess posterm = start(shop, "c")) {
                shop.reader.holdFinalAnswers();
                sales.put("c", pay(shop, "stop-c", 1103));
                Shop.await(Duration.ofSeconds(10), "the reader to hold its F", () -> shop.reader.finalAnswersHeld() == 1);
                posterm.terminate();
                // Released only once the engine waits for the step: after "posterm stopping" alone the
                // answer could end the sale before the engine looked, and there would be nothing to wait for.
                awaitLogged(posterm, "for payment " + sales.get("c") + " to end its step");
                shop.reader.releaseFinalAnswers();
                assertExits(posterm, Duration.ofSeconds(40));
                assertLogged(posterm, "card lane stopped", sales.get("c") + " finished its step, APPROVED");
            }

            try (ControllerProcess posterm = start(shop, "d")) {
                sales.put("d", pay(shop, "stop-d", 1104));
                assertEquals("APPROVED", shop.register.awaitPayment(sales.get("d"), 20).text("state"));
                posterm.terminate();
                assertExits(posterm, Duration.ofSeconds(20));
                assertLogged(posterm, "card lane stopped", "no card payment in flight");
            }

            try (ControllerProcess posterm = start(shop, "e")) {
                shop.acquirer.holdAnswers();
                sales.put("e", pay(shop, "stop-e", 1105));
                Shop.await(Duration.ofSeconds(10), "the host to hold its approval", () -> shop.acquirer.heldAnswers() == 1);
                posterm.terminate();
                assertExits(posterm, Duration.ofSeconds(75));   // the host timeout, then the reader
                shop.acquirer.discardHeldAnswers();
                assertLogged(posterm, "card lane stopped", sales.get("e"));
                assertTrue(pendingReversal(shop.dataDir, sales.get("e")), "journaled before the process exited");
            }

            try (ControllerProcess posterm = start(shop, "after")) {
                Shop.await(Duration.ofSeconds(60), "owed reversals and advices to be delivered", () -> {
                    var status = shop.status();
                    return status.path("pendingReversals").asInt(-1) == 0
                            && status.path("storeAndForward").path("count").asInt(-1) == 0;
                });
                assertEquals("CANCELLED", state(shop, sales.get("a")));
                assertEquals("APPROVED", state(shop, sales.get("b")));
                assertEquals("APPROVED", state(shop, sales.get("c")));
                assertEquals("APPROVED", state(shop, sales.get("d")));
                assertNotEquals("APPROVED", state(shop, sales.get("e")));
                posterm.terminate();
                assertExits(posterm, Duration.ofSeconds(20));
            }
            compare(shop, sales);
        }
    }

    /** Journal and ledger agree, payment by payment, by STAN and field 7 of the 0200. */
    private static void compare(Shop shop, Map<String, String> sales) throws Exception {
        Map<String, LedgerEntry> matched = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + shop.dataDir.resolve("journal.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.payment_id, p.state, d.stan, d.transmitted_at FROM payments p "
                     + "LEFT JOIN card_details d USING (payment_id)")) {
            while (rs.next()) {
                String id = rs.getString(1);
                String state = rs.getString(2);
                assertNotEquals("PENDING", state, id);
                Optional<LedgerEntry> sale = rs.getString(4) == null ? Optional.empty()
                        : shop.acquirer.ledger().entry(TERMINAL, String.format("%06d", rs.getInt(3)), rs.getString(4));
                sale.ifPresent(e -> matched.put(id, e));
                boolean charged = sale.map(e -> e.state() == LedgerEntry.State.APPROVED).orElse(false);
                assertEquals(state.equals("APPROVED"), charged, id + " is " + state + " in the journal, at the host "
                        + sale.map(LedgerEntry::state));
            }
        }
        assertFalse(matched.containsKey(sales.get("a")), "nothing reached the host for the cancelled sale");
        assertEquals(LedgerEntry.State.REVERSED, matched.get(sales.get("e")).state(), "the unanswered approval");
        long approvedAtHost = shop.acquirer.ledger().entries().stream()
                .filter(e -> e.mti().equals("0200") && e.state() == LedgerEntry.State.APPROVED).count();
        assertEquals(3, approvedAtHost, "b, c and d, and nothing else");
    }

    private static ControllerProcess start(Shop shop, String round) throws Exception {
        ControllerProcess p = ControllerProcess.start(shop.configFile, shop.dataDir.resolveSibling("round-" + round + ".out"));
        assertTrue(p.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"), Shop.CASHIER,
                Duration.ofSeconds(60)), "round " + round + ": not ready, see " + p.output());
        return p;
    }

    private static String pay(Shop shop, String orderId, long amount) throws Exception {
        assertEquals(201, shop.register.createOrder(orderId, amount, "CNY", "sigterm test").status());
        CashRegister.Answer started = shop.register.payByCard(orderId);
        assertEquals(202, started.status(), started.body().toString());
        return started.text("paymentId");
    }

    private static String state(Shop shop, String paymentId) throws Exception {
        return shop.register.awaitPayment(paymentId, 0).text("state");
    }

    private static void assertExits(ControllerProcess p, Duration limit) throws Exception {
        assertNotEquals(-1, p.awaitExit(limit), "did not stop on SIGTERM within " + limit + ", see " + p.output());
    }

    private static void awaitLogged(ControllerProcess p, String text) throws Exception {
        Shop.await(Duration.ofSeconds(10), "\"" + text + "\" in " + p.output(),
                () -> Files.readString(p.output(), StandardCharsets.UTF_8).contains(text));
    }

    /** One line of the log holds all of {@code parts}. */
    private static void assertLogged(ControllerProcess p, String... parts) throws Exception {
        boolean found = Files.readAllLines(p.output(), StandardCharsets.UTF_8).stream()
                .anyMatch(line -> java.util.Arrays.stream(parts).allMatch(line::contains));
        assertTrue(found, "no line with " + java.util.Arrays.toString(parts) + " in " + p.output());
    }

    private static boolean pendingReversal(Path dataDir, String paymentId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("journal.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reversals WHERE state = 'PENDING' AND payment_id = '"
                     + paymentId + "'")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }
}
