package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.acquirer.LedgerEntry;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.ecr.CashRegister;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts during a shift: the real {@code posterm run} process is killed with SIGKILL at random
 * moments while a register sells and the host goes down and up (so some sales are approved
 * offline), then restarted. At the end, with the host back and the queue drained, the host's ledger
 * and the journal must agree: every sale the terminal calls approved is charged exactly once, every
 * offline approval is advised exactly once, nothing charged is left unreversed, and no transaction
 * reached the host as new twice. The seed is printed so a failing run can be replayed ({@code -Dposterm.kill.seed=N}).
 */
class KillTest {
    private static final int KILLS = Integer.getInteger("posterm.kill.rounds", 8);

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsNoApprovedSaleIsLostOrChargedTwice() throws Exception {
        long seed = Long.getLong("posterm.kill.seed", System.nanoTime());
        System.out.println("KillTest seed " + seed + " (replay with -Dposterm.kill.seed=" + seed + ")");
        Random random = new Random(seed);
        AtomicInteger orders = new AtomicInteger();
        try (Shop shop = Shop.withoutController(dir)) {
            for (int round = 0; round < KILLS; round++) {
                boolean hostDown = round % 3 == 1 || random.nextInt(10) < 2;   // some outages in every run
                try (ControllerProcess posterm = start(shop, round)) {
                    if (hostDown) {
                        shop.acquirer.down();
                    }
                    Register register = new Register(shop, orders);
                    Thread selling = Thread.ofPlatform().start(register);
                    Thread.sleep((hostDown ? 2000 : 200) + random.nextInt(2500));
                    posterm.kill();
                    register.stop();
                    selling.join(15_000);
                    assertFalse(selling.isAlive(), "round " + round + ": the register was still selling 15 s after the"
                            + " kill; its HTTP calls should have failed at once");
                    shop.acquirer.up();
                    shop.reader.clearScripts();
                }
            }
            try (ControllerProcess posterm = start(shop, KILLS)) {
                Shop.await(Duration.ofSeconds(90), "owed reversals and advices to be delivered", () -> {
                    var status = shop.status();
                    return status.path("pendingReversals").asInt(-1) == 0
                            && status.path("storeAndForward").path("count").asInt(-1) == 0;
                });
                assertTrue(posterm.stop(Duration.ofSeconds(10)) != -1, "stops on SIGTERM");
            }
            compare(journal(shop.dataDir), shop.acquirer.ledger().entries(), seed, orders.get());
        }
    }

    private static ControllerProcess start(Shop shop, int round) throws Exception {
        ControllerProcess p = ControllerProcess.start(shop.configFile, shop.dataDir.resolveSibling("round-" + round + ".out"));
        assertTrue(p.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"), Shop.CASHIER,
                Duration.ofSeconds(60)), "round " + round + ": not ready, see " + p.output());
        return p;
    }

    /** Sells one order after another until told to stop or the controller goes away. */
    private static final class Register implements Runnable {
        private final CashRegister register;
        private final AtomicInteger orders;
        private final AtomicBoolean running = new AtomicBoolean(true);

        Register(Shop shop, AtomicInteger orders) {
            this.register = shop.register;
            this.orders = orders;
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void run() {
            while (running.get()) {
                String id = "k-" + orders.incrementAndGet();
                try {
                    if (register.createOrder(id, 1000 + orders.get(), "CNY", "kill test").status() != 201) {
                        return;
                    }
                    CashRegister.Answer started = register.payByCard(id);
                    if (started.status() == 202) {
                        register.awaitPayment(started.text("paymentId"), 10);
                    }
                } catch (IOException e) {
                    return;   // the controller was killed under us
                }
            }
        }
    }

    record JournalPayment(String paymentId, String state, Integer stan) {
    }

    private static List<JournalPayment> journal(Path dataDir) throws Exception {
        List<JournalPayment> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("journal.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.payment_id, p.state, d.stan FROM payments p "
                     + "JOIN card_details d USING (payment_id) WHERE p.method = 'CARD'")) {
            while (rs.next()) {
                int stan = rs.getInt(3);
                rows.add(new JournalPayment(rs.getString(1), rs.getString(2), rs.wasNull() ? null : stan));
            }
        }
        return rows;
    }

    private static void compare(List<JournalPayment> journal, List<LedgerEntry> ledger, long seed, int orders) {
        String context = " (seed " + seed + ", " + orders + " orders, " + journal.size() + " card payments)";
        Map<String, List<LedgerEntry>> sales = ledger.stream().filter(e -> e.mti().equals("0200"))
                .collect(Collectors.groupingBy(LedgerEntry::stan));
        sales.forEach((stan, entries) -> assertEquals(1, entries.size(),
                "STAN " + stan + " reached the host as a new sale " + entries.size() + " times" + context));
        Map<String, JournalPayment> byStan = new HashMap<>();
        journal.stream().filter(p -> p.stan() != null).forEach(p -> byStan.put(String.format("%06d", p.stan()), p));

        Map<String, List<LedgerEntry>> advices = ledger.stream().filter(e -> e.mti().equals("0220"))
                .collect(Collectors.groupingBy(LedgerEntry::stan));
        advices.forEach((stan, entries) -> assertEquals(1, entries.size(),
                "STAN " + stan + " was advised as new " + entries.size() + " times" + context));
        int offline = 0;
        for (JournalPayment p : journal) {
            if (p.state().equals("APPROVED_OFFLINE")) {
                offline++;
                List<LedgerEntry> advised = advices.getOrDefault(String.format("%06d", p.stan()), List.of());
                assertEquals(1, advised.size(), p + " was approved offline but never advised" + context);
                assertEquals(LedgerEntry.State.ADVISED, advised.get(0).state(), p + context);
            }
        }
        for (LedgerEntry e : ledger) {
            if (e.mti().equals("0220")) {
                JournalPayment p = byStan.get(e.stan());
                assertTrue(p != null && p.state().equals("APPROVED_OFFLINE"),
                        "the host holds an advice for STAN " + e.stan() + " but the terminal says " + p + context);
            }
        }
        assertTrue(offline > 0, "no sale was approved offline, so the outages proved nothing" + context);
        System.out.println("KillTest: " + offline + " approved offline and advised exactly once");
        int approved = 0;
        for (JournalPayment p : journal) {
            assertTrue(!p.state().equals("PENDING"), p + " left PENDING after restart" + context);
            if (p.state().equals("APPROVED")) {
                approved++;
                List<LedgerEntry> charged = sales.getOrDefault(String.format("%06d", p.stan()), List.of());
                assertEquals(1, charged.size(), p + " is approved but not at the host" + context);
                assertEquals(LedgerEntry.State.APPROVED, charged.get(0).state(), p + " was reversed at the host" + context);
            }
        }
        for (LedgerEntry e : ledger) {
            if (e.mti().equals("0200") && e.state() == LedgerEntry.State.APPROVED) {
                JournalPayment p = byStan.get(e.stan());
                assertTrue(p != null && p.state().equals("APPROVED"),
                        "the host charged STAN " + e.stan() + " but the terminal says " + p + context);
            }
        }
        assertTrue(approved > 0, "the run approved nothing, so it proved nothing" + context);
        System.out.println("KillTest: " + approved + " approved of " + journal.size() + " card payments; ledger "
                + ledger.size() + " entries" + context);
    }
}
