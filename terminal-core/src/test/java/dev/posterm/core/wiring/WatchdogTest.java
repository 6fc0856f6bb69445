package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.heartbeat.Heartbeats;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.core.receipt.ReceiptSpooler;
import dev.posterm.core.receipt.SlipFactory;
import dev.posterm.core.saf.ReversalQueue;
import dev.posterm.core.testing.Await;
import dev.posterm.core.testing.ManualClock;
import dev.posterm.printer.DrawerOutcome;
import dev.posterm.printer.PrintOutcome;
import dev.posterm.printer.ReceiptPrinter;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.status.PrinterStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog against real loops with heartbeats: the receipt spooler and the reversal queue on a
 * real journal, the printer a fake that can be made to hang in its status request (a USB printer
 * whose driver never returns). The time is a manual clock; the loops run on their own threads and
 * the test waits (bounded) only for what they did, never for time to pass.
 */
class WatchdogTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final Heartbeats heartbeats = new Heartbeats(clock);
    private final List<String> pets = new CopyOnWriteArrayList<>();
    private final HangingPrinter printer = new HangingPrinter();
    private Journal journal;
    private ReversalQueue reversals;
    private ReceiptSpooler spooler;
    private Thread reversalLoop;
    private Thread receiptLoop;
    private Watchdog watchdog;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        journal = Journal.open(dir);
        EventHub events = new EventHub();
        Alerts alerts = new Alerts(journal, events, clock);
        TerminalIdentity terminal = new TerminalIdentity("T0000001", "M00000000000001", "Test Shop", "CNY", 156, 2,
                ZoneId.of("UTC"));
        reversals = new ReversalQueue(journal, null, new HostMessages(terminal), alerts, clock, Duration.ofSeconds(2));
        spooler = new ReceiptSpooler(journal, printer, new SlipFactory(terminal, false, Optional.empty()), alerts, clock);
        var reversalBeat = heartbeats.register("reversals", Duration.ofSeconds(30));
        var receiptBeat = heartbeats.register("receipts", Duration.ofSeconds(30));
        reversalLoop = Thread.ofPlatform().daemon().name("reversals").start(() -> reversals.runForever(reversalBeat));
        receiptLoop = Thread.ofPlatform().daemon().name("receipts").start(() -> spooler.runForever(receiptBeat));
        watchdog = new Watchdog(pets::add, () -> List.of(reversalLoop, receiptLoop), heartbeats);
    }

    @AfterEach
    void stop() throws Exception {
        printer.release.countDown();
        reversalLoop.interrupt();
        receiptLoop.interrupt();
        reversalLoop.join(5_000);
        receiptLoop.join(5_000);
        journal.close();
    }

    @Test
    void loopsWaitingTheirBoundedTimeKeepThePetsComing() throws Exception {
        // Hours pass on the clock while both loops sit in their timed waits and are nudged now and then.
        for (int hour = 0; hour < 3; hour++) {
            clock.advance(Duration.ofMinutes(20));
            turnAndAwaitFresh();
            assertEquals(List.of(), watchdog.problems());
            assertTrue(watchdog.petIfAlive());
        }
        assertEquals(List.of("WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"), pets);
    }

    @Test
    void aLoopHungOnItsPrinterStopsThePetsAndIsNamed() throws Exception {
        turnAndAwaitFresh();
        assertTrue(watchdog.petIfAlive());

        printer.hang = true;
        spooler.nudge();
        Await.until("the receipt loop to be stuck in the printer", () -> printer.entered.getCount() == 0);
        clock.advance(Duration.ofMinutes(1));
        reversals.nudge();   // the healthy loop turns at the new time; the hung one cannot
        Instant now = clock.instant();
        Await.until("the reversal loop to beat again", () -> heartbeats.lastBeat("reversals").equals(Optional.of(now)));

        assertEquals(List.of("loop receipts hung (no heartbeat for 30 s past its bound)"), watchdog.problems());
        assertFalse(watchdog.petIfAlive());
        assertFalse(watchdog.petIfAlive());
        assertEquals(List.of("WATCHDOG=1"), pets, "no pet after the hang");
        assertEquals(Duration.ofSeconds(30), heartbeats.lateness().get("receipts"));
        assertTrue(receiptLoop.isAlive(), "alive but hung: what a thread check alone would have missed");
    }

    @Test
    void aLoopThatComesBackIsPettedAgain() throws Exception {
        printer.hang = true;
        spooler.nudge();
        Await.until("the receipt loop to be stuck in the printer", () -> printer.entered.getCount() == 0);
        clock.advance(Duration.ofMinutes(5));
        assertFalse(watchdog.petIfAlive());

        printer.hang = false;
        printer.release.countDown();
        turnAndAwaitFresh();
        assertTrue(watchdog.petIfAlive());
        assertEquals(List.of("WATCHDOG=1"), pets);
    }

    /** Nudges both loops and waits (bounded) until each has beaten at the clock's present time. */
    private void turnAndAwaitFresh() throws Exception {
        Instant now = clock.instant();
        reversals.nudge();
        spooler.nudge();
        Await.until("both loops to beat", () -> heartbeats.lastBeat("reversals").equals(Optional.of(now))
                && heartbeats.lastBeat("receipts").equals(Optional.of(now)));
    }

    /** A printer that, once told to, blocks in its status request until released (a driver that never returns). */
    private static final class HangingPrinter implements ReceiptPrinter {
        volatile boolean hang;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void connect() {
        }

        @Override
        public PrinterStatus status() {
            if (hang) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new PrinterStatus.Ready(false);
        }

        @Override
        public PrintOutcome print(ReceiptDocument document) {
            return new PrintOutcome.NotPrinted(status());
        }

        @Override
        public DrawerOutcome openDrawer() {
            return new DrawerOutcome.Kicked();
        }

        @Override
        public void close() {
        }
    }
}
