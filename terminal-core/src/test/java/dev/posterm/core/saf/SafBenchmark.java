package dev.posterm.core.saf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posterm.config.PostermConfig;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.hostlink.HostSession;
import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.core.vault.CardVault;
import dev.posterm.core.vault.StoredCard;
import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import dev.posterm.simulator.acquirer.AcquirerSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store-and-forward throughput: a journal filled with 10,000 offline sales (card data sealed with
 * a real vault) drained by the real StoreAndForward over the real HostSession to the loopback
 * acquirer simulator. Not a test of speed (no timed assertions): it prints figures for
 * docs/performance.md, which gives the command. Excluded from the normal run by its tag.
 */
@Tag("benchmark")
class SafBenchmark {
    static final int SALES = Integer.getInteger("posterm.bench.sales", 10_000);

    @TempDir
    Path dir;

    @Test
    void drainTenThousandOfflineSales() throws Exception {
        System.out.println("store-and-forward benchmark, " + SALES + " offline sales in the journal");
        report("no host latency, window 4", run(Duration.ZERO, 4, SALES));
        report("no host latency, window 16", run(Duration.ZERO, 16, SALES));
        for (int window : new int[] {1, 4, 16}) {
            int sample = Math.min(SALES, 150 * window);   // ~7.5 s of a 50 ms host at any window
            double rate = run(Duration.ofMillis(50), window, sample);
            double ideal = window / 0.050;
            report(String.format("50 ms host latency, window %2d (first %d of %d; ideal %.0f/s, %.0f %%)", window,
                    sample, SALES, ideal, 100 * rate / ideal), rate);
        }
    }

    private static void report(String what, double rate) {
        System.out.printf("  %-80s %8.0f sales forwarded per second%n", what, rate);
    }

    /** Fills a fresh journal with {@link #SALES} advices and forwards {@code count} of them. */
    private double run(Duration latency, int window, int count) throws Exception {
        Path data = java.nio.file.Files.createTempDirectory(dir, "run");
        Clock clock = Clock.systemUTC();
        TerminalIdentity terminal = new TerminalIdentity("T0000001", "M00000000000001", "bench", "CNY", 156, 2,
                ZoneId.of("Asia/Shanghai"));
        try (Journal journal = Journal.open(data);
             AcquirerSimulator acquirer = new AcquirerSimulator().start();
             HostSession host = new HostSession("127.0.0.1", acquirer.port(), false, Optional.empty(), false, clock)) {
            CardVault vault = CardVault.open(data);
            fill(journal, vault, SALES);
            acquirer.delayAnswers(latency);
            host.start();
            HostMessages messages = new HostMessages(terminal);
            EventHub events = new EventHub();
            Alerts alerts = new Alerts(journal, events, clock);
            ReversalQueue reversals = new ReversalQueue(journal, host, messages, alerts, clock, Duration.ofSeconds(10));
            StoreAndForward saf = new StoreAndForward(journal, host, messages, vault, reversals, alerts, events,
                    clock, Duration.ofSeconds(10), new PostermConfig.Saf(window, Duration.ofSeconds(2),
                    Duration.ofMinutes(1), Duration.ofHours(12)), Duration.ofHours(72));
            int warmUp = Math.min(256, count / 10);
            saf.forward(warmUp);   // connects, and warms the JIT
            int before = journal.read(AdviceTable::pending).size();
            long start = System.nanoTime();
            saf.forward(count - warmUp);
            double seconds = (System.nanoTime() - start) / 1e9;
            int sent = before - journal.read(AdviceTable::pending).size();
            assertEquals(count - warmUp, sent, "every advice of the sample was answered");
            return sent / seconds;
        }
    }

    private static void fill(Journal journal, CardVault vault, int sales) {
        Instant now = Instant.now();
        String pan = "4761739001010119";
        journal.inTransaction(c -> {
            for (int i = 1; i <= sales; i++) {
                String order = "o-" + i;
                String payment = "p-" + i;
                OrderTable.insert(c, new OrderRow(order, 1000 + i, "CNY", Optional.empty(), dev.posterm.core.payment.OrderState.PAID, now, now, now));
                PaymentTable.save(c, PaymentRow.sale(payment, order, dev.posterm.core.payment.PaymentMethod.CARD, new dev.posterm.core.payment.Money(1000 + i, "CNY"), Optional.empty(), now),
                        "bench");
                StoredCard card = new StoredCard(Pan.of(pan), Optional.of(Track2.of(pan + "D30122011234500000")),
                        Optional.of(Expiry.ofYymmdd("301231")), Optional.of(1), "9F2701409F26081122334455667788");
                AdviceTable.queueTentative(c, i, payment, 1000 + i, "2026-11-22T10:00:00", "CHIP", "A".repeat(64),
                        "************0119", vault.seal(card, new dev.posterm.core.vault.SealedFor(payment, 1000 + i, i,
                                "Y3" + String.format("%04d", i % 10_000))), "Y3" + String.format("%04d", i % 10_000),
                        now.plusNanos(i));
                AdviceTable.confirm(c, payment);
            }
            return null;
        });
    }
}
